import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import type { OadrCreatedEvent } from '../../../src/oadr/model.js';

const NS = {
  oadr: 'http://openadr.org/oadr-2.0b/2012/07',
  ei: 'http://docs.oasis-open.org/ns/energyinterop/201110',
  pyld: 'http://docs.oasis-open.org/ns/energyinterop/201110/payloads',
};

const EXPECTED: OadrCreatedEvent = {
  type: 'oadrCreatedEvent',
  response: { responseCode: 200, responseDescription: 'OK', requestId: 'req-1' },
  eventResponses: [
    { responseCode: 200, requestId: 'req-1', eventId: '0012', modificationNumber: 2, optType: 'optIn' },
    { responseCode: 460, responseDescription: 'signal not supported', requestId: 'req-1', eventId: '123', modificationNumber: 0, optType: 'optOut' },
  ],
  venId: '007',
};

// The same oadrCreatedEvent as the usual prefixes write it…
const CANONICAL = `<?xml version="1.0" encoding="utf-8"?>
<oadr:oadrPayload xmlns:oadr="${NS.oadr}" xmlns:ei="${NS.ei}" xmlns:pyld="${NS.pyld}">
  <oadr:oadrSignedObject oadr:Id="oadrSignedObject">
    <oadr:oadrCreatedEvent ei:schemaVersion="2.0b">
      <pyld:eiCreatedEvent>
        <ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><pyld:requestID>req-1</pyld:requestID></ei:eiResponse>
        <ei:eventResponses>
          <ei:eventResponse><ei:responseCode>200</ei:responseCode><pyld:requestID>req-1</pyld:requestID>
            <ei:qualifiedEventID><ei:eventID>0012</ei:eventID><ei:modificationNumber>2</ei:modificationNumber></ei:qualifiedEventID>
            <ei:optType>optIn</ei:optType></ei:eventResponse>
          <ei:eventResponse><ei:responseCode>460</ei:responseCode><ei:responseDescription>signal not supported</ei:responseDescription><pyld:requestID>req-1</pyld:requestID>
            <ei:qualifiedEventID><ei:eventID>123</ei:eventID><ei:modificationNumber>0</ei:modificationNumber></ei:qualifiedEventID>
            <ei:optType>optOut</ei:optType></ei:eventResponse>
        </ei:eventResponses>
        <ei:venID>007</ei:venID>
      </pyld:eiCreatedEvent>
    </oadr:oadrCreatedEvent>
  </oadr:oadrSignedObject>
</oadr:oadrPayload>`;

// …with other prefixes…
const OTHER_PREFIXES = CANONICAL.replace(/\boadr:/g, 'ns1:').replace(/xmlns:oadr=/g, 'xmlns:ns1=')
  .replace(/\bei:/g, 'energy:').replace(/xmlns:ei=/g, 'xmlns:energy=')
  .replace(/\bpyld:/g, 'p:').replace(/xmlns:pyld=/g, 'xmlns:p=');

// …and with default namespaces switched per subtree (the form some VEN libraries emit).
const DEFAULT_NAMESPACES = `<?xml version="1.0"?>
<oadrPayload xmlns="${NS.oadr}">
  <oadrSignedObject xmlns:o="${NS.oadr}" o:Id="oadrSignedObject">
    <oadrCreatedEvent xmlns:e="${NS.ei}" e:schemaVersion="2.0b">
      <eiCreatedEvent xmlns="${NS.pyld}">
        <eiResponse xmlns="${NS.ei}"><responseCode>200</responseCode><responseDescription>OK</responseDescription><requestID xmlns="${NS.pyld}">req-1</requestID></eiResponse>
        <eventResponses xmlns="${NS.ei}">
          <eventResponse><responseCode>200</responseCode><p:requestID xmlns:p="${NS.pyld}">req-1</p:requestID>
            <qualifiedEventID><eventID>0012</eventID><modificationNumber>2</modificationNumber></qualifiedEventID>
            <optType>optIn</optType></eventResponse>
          <e:eventResponse><e:responseCode>460</e:responseCode><e:responseDescription>signal not supported</e:responseDescription><requestID xmlns="${NS.pyld}">req-1</requestID>
            <e:qualifiedEventID><e:eventID>123</e:eventID><e:modificationNumber>0</e:modificationNumber></e:qualifiedEventID>
            <e:optType>optOut</e:optType></e:eventResponse>
        </eventResponses>
        <e:venID>007</e:venID>
      </eiCreatedEvent>
    </oadrCreatedEvent>
  </oadrSignedObject>
</oadrPayload>`;

describe('decodeOadrPayload resolves namespaces by URI, not by prefix', () => {
  it.each([
    ['usual prefixes', CANONICAL],
    ['other prefixes', OTHER_PREFIXES],
    ['default namespaces', DEFAULT_NAMESPACES],
  ])('%s decode to the same message', (_label, xml) => {
    const { message, signed } = decodeOadrPayload(xml);
    expect(signed).toBe(false);
    expect(message).toEqual(EXPECTED);
  });

  it('keeps IDs as strings: "007", "0012" and "123" are not numbers', () => {
    const message = decodeOadrPayload(DEFAULT_NAMESPACES).message as OadrCreatedEvent;
    expect(message.venId).toBe('007');
    expect(message.eventResponses.map((r) => r.eventId)).toEqual(['0012', '123']);
  });

  it('an element in the right local name but a wrong namespace does not count', () => {
    const wrongNs = CANONICAL.replace('<ei:venID>007</ei:venID>', '<x:venID xmlns:x="urn:not-openadr">007</x:venID>');
    expect(() => decodeOadrPayload(wrongNs)).toThrowError(
      expect.objectContaining({ code: 'E_PAYLOAD', reason: 'oadrCreatedEvent: pyld:eiCreatedEvent/ei:venID is missing' }) as Error,
    );
  });

  it('decodes entities and numeric character references in text', () => {
    const xml = CANONICAL.replace('<ei:venID>007</ei:venID>', '<ei:venID>a&amp;b&lt;&#67;&#x44;</ei:venID>');
    expect((decodeOadrPayload(xml).message as OadrCreatedEvent).venId).toBe('a&b<CD');
  });

  it('reports a ds:Signature as signed', () => {
    const xml = CANONICAL.replace('<oadr:oadrSignedObject', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature><oadr:oadrSignedObject');
    expect(decodeOadrPayload(xml).signed).toBe(true);
  });
});
