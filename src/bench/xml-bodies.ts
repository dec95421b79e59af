// The VEN messages the benchmark sends, as fixed XML text (the shape a real 2.0b VEN sends, standard prefixes).
const NAMESPACES: Record<string, string> = {
  oadr: 'http://openadr.org/oadr-2.0b/2012/07',
  ei: 'http://docs.oasis-open.org/ns/energyinterop/201110',
  pyld: 'http://docs.oasis-open.org/ns/energyinterop/201110/payloads',
  xcal: 'urn:ietf:params:xml:ns:icalendar-2.0',
  strm: 'urn:ietf:params:xml:ns:icalendar-2.0:stream',
  power: 'http://docs.oasis-open.org/ns/emix/2011/06/power',
  scale: 'http://docs.oasis-open.org/ns/emix/2011/06/siscale',
};

/** Declares only the prefixes the message uses, as a VEN would: a poll stays a small document. */
function payload(inner: string): string {
  const used = Object.entries(NAMESPACES).filter(([prefix]) => prefix === 'oadr' || inner.includes(`<${prefix}:`) || inner.includes(` ${prefix}:`));
  const xmlns = used.map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<oadr:oadrPayload${xmlns}>` +
    `<oadr:oadrSignedObject oadr:Id="oadrSignedObject">${inner}</oadr:oadrSignedObject></oadr:oadrPayload>`;
}

/** IDs in the benchmark are generated ASCII; refuse anything that would need escaping rather than escape it. */
function id(value: string): string {
  if (!/^[A-Za-z0-9._:-]+$/.test(value)) throw new Error(`bench id must be plain ASCII (letters, digits, . _ : -): ${value}`);
  return value;
}

export function pollXml(venId: string): string {
  return payload(`<oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>${id(venId)}</ei:venID></oadr:oadrPoll>`);
}

export function createPartyRegistrationXml(requestId: string, venName: string): string {
  return payload(`<oadr:oadrCreatePartyRegistration ei:schemaVersion="2.0b"><pyld:requestID>${id(requestId)}</pyld:requestID>` +
    '<oadr:oadrProfileName>2.0b</oadr:oadrProfileName><oadr:oadrTransportName>simpleHttp</oadr:oadrTransportName>' +
    '<oadr:oadrReportOnly>false</oadr:oadrReportOnly><oadr:oadrXmlSignature>false</oadr:oadrXmlSignature>' +
    `<oadr:oadrVenName>${id(venName)}</oadr:oadrVenName><oadr:oadrHttpPullModel>true</oadr:oadrHttpPullModel>` +
    '</oadr:oadrCreatePartyRegistration>');
}

/** `requestId` '' leaves it empty, as a push VEN answering on its own does. */
export function createdEventXml(venId: string, requestId: string, eventId: string, modificationNumber: number): string {
  const req = requestId === '' ? '' : id(requestId);
  return payload(`<oadr:oadrCreatedEvent ei:schemaVersion="2.0b"><pyld:eiCreatedEvent><ei:eiResponse>` +
    `<ei:responseCode>200</ei:responseCode><pyld:requestID>${req}</pyld:requestID></ei:eiResponse>` +
    `<ei:eventResponses><ei:eventResponse><ei:responseCode>200</ei:responseCode><pyld:requestID>${req}</pyld:requestID>` +
    `<ei:qualifiedEventID><ei:eventID>${id(eventId)}</ei:eventID><ei:modificationNumber>${modificationNumber}</ei:modificationNumber>` +
    `</ei:qualifiedEventID><ei:optType>optIn</ei:optType></ei:eventResponse></ei:eventResponses>` +
    `<ei:venID>${id(venId)}</ei:venID></pyld:eiCreatedEvent></oadr:oadrCreatedEvent>`);
}

/** oadrRegisterReport offering METADATA_TELEMETRY_USAGE with one real-power data point per rID. */
export function registerTelemetryXml(venId: string, requestId: string, rIds: string[]): string {
  const descriptions = rIds.map((rId) => `<oadr:oadrReportDescription><ei:rID>${id(rId)}</ei:rID><ei:reportType>usage</ei:reportType>` +
    '<power:powerReal><power:itemDescription>RealPower</power:itemDescription><power:itemUnits>W</power:itemUnits>' +
    '<scale:siScaleCode>k</scale:siScaleCode><power:powerAttributes><power:hertz>50</power:hertz><power:voltage>230</power:voltage>' +
    '<power:ac>true</power:ac></power:powerAttributes></power:powerReal><ei:readingType>Direct Read</ei:readingType>' +
    '<oadr:oadrSamplingRate><oadr:oadrMinPeriod>PT1S</oadr:oadrMinPeriod><oadr:oadrMaxPeriod>PT15M</oadr:oadrMaxPeriod>' +
    '<oadr:oadrOnChange>false</oadr:oadrOnChange></oadr:oadrSamplingRate></oadr:oadrReportDescription>').join('');
  return payload(`<oadr:oadrRegisterReport ei:schemaVersion="2.0b"><pyld:requestID>${id(requestId)}</pyld:requestID>` +
    `<oadr:oadrReport><xcal:duration><xcal:duration>PT2H</xcal:duration></xcal:duration>${descriptions}` +
    '<ei:reportRequestID>0</ei:reportRequestID><ei:reportSpecifierID>TELEMETRY_USAGE</ei:reportSpecifierID>' +
    `<ei:reportName>METADATA_TELEMETRY_USAGE</ei:reportName><ei:createdDateTime>${new Date().toISOString()}</ei:createdDateTime>` +
    `</oadr:oadrReport><ei:venID>${id(venId)}</ei:venID></oadr:oadrRegisterReport>`);
}

/** oadrUpdateReport: one interval at `at` carrying one value for each rID (a meter's snapshot). */
export function updateReportXml(venId: string, requestId: string, reportRequestId: string, rIds: string[], at: Date): string {
  const payloads = rIds.map((rId, i) => `<oadr:oadrReportPayload><ei:rID>${id(rId)}</ei:rID>` +
    `<ei:payloadFloat><ei:value>${(i * 1.5 + (at.getTime() % 1000) / 1000).toFixed(3)}</ei:value></ei:payloadFloat></oadr:oadrReportPayload>`).join('');
  return payload(`<oadr:oadrUpdateReport ei:schemaVersion="2.0b"><pyld:requestID>${id(requestId)}</pyld:requestID>` +
    `<oadr:oadrReport><strm:intervals><ei:interval><xcal:dtstart><xcal:date-time>${at.toISOString()}</xcal:date-time></xcal:dtstart>` +
    `<xcal:duration><xcal:duration>PT1S</xcal:duration></xcal:duration>${payloads}</ei:interval></strm:intervals>` +
    `<ei:reportRequestID>${id(reportRequestId)}</ei:reportRequestID><ei:reportSpecifierID>TELEMETRY_USAGE</ei:reportSpecifierID>` +
    `<ei:reportName>TELEMETRY_USAGE</ei:reportName><ei:createdDateTime>${at.toISOString()}</ei:createdDateTime>` +
    `</oadr:oadrReport><ei:venID>${id(venId)}</ei:venID></oadr:oadrUpdateReport>`);
}

/** A fixed oadrResponse, what the baseline endpoint answers to every poll. */
export function okResponseXml(venId: string): string {
  return payload(`<oadr:oadrResponse ei:schemaVersion="2.0b"><ei:eiResponse><ei:responseCode>200</ei:responseCode>` +
    `<ei:responseDescription>OK</ei:responseDescription><pyld:requestID></pyld:requestID></ei:eiResponse>` +
    `<ei:venID>${id(venId)}</ei:venID></oadr:oadrResponse>`);
}
