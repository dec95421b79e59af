// The only XML-DSig algorithms OpenADR 2.0b signatures may use; anything else (sha1, exclusive C14N) is refused.
export const C14N_10 = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const DSP_NS = 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties';

/** Signature methods accepted: RSA-SHA256 with an RSA key, ECDSA-SHA256 with a P-256 key. */
export const SIGNATURE_METHODS: readonly string[] = [RSA_SHA256, ECDSA_SHA256];

/** Id of the signed business payload and of the ds:Object carrying dsp:ReplayProtect. */
export const SIGNED_OBJECT_ID = 'oadrSignedObject';
export const PROPERTY_OBJECT_ID = 'prop';
