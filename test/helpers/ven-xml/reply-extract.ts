// Typed readers for the common parts of VTN replies: response code, echoed requestID, IDs, poll frequency.
import { child, listOf, textOf, type VenReply } from './reply-parse.js';

function requireParsed(reply: VenReply, what: string): Record<string, unknown> {
  if (!reply.payload || typeof reply.payload !== 'object') {
    throw new Error(`${what}: reply is not an OpenADR payload (HTTP ${reply.status}, body ${JSON.stringify(reply.body.slice(0, 200))})`);
  }
  return reply.payload as Record<string, unknown>;
}

/** The eiResponse, wherever the reply type keeps it (oadrCreatedEvent nests it in eiCreatedEvent). */
function eiResponseOf(payload: Record<string, unknown>): unknown {
  return child(payload, 'eiResponse') ?? child(payload, 'eiCreatedEvent', 'eiResponse');
}

/** eiResponse.responseCode as a string ("200", "452" …); undefined when the reply has no eiResponse. */
export function responseCode(reply: VenReply): string | undefined {
  return textOf(child(eiResponseOf(requireParsed(reply, 'responseCode')), 'responseCode'));
}

export function responseDescription(reply: VenReply): string | undefined {
  return textOf(child(eiResponseOf(requireParsed(reply, 'responseDescription')), 'responseDescription'));
}

/** The echoed requestID from eiResponse, else the payload's own requestID (messages the VTN originates). */
export function requestIdOf(reply: VenReply): string | undefined {
  const payload = requireParsed(reply, 'requestIdOf');
  return textOf(child(eiResponseOf(payload), 'requestID')) ?? textOf(child(payload, 'requestID'));
}

/** The payload's own requestID (e.g. oadrDistributeEvent's, beside the echoed one). */
export function payloadRequestIdOf(reply: VenReply): string | undefined {
  return textOf(child(requireParsed(reply, 'payloadRequestIdOf'), 'requestID'));
}

export function venIdOf(reply: VenReply): string | undefined {
  const payload = requireParsed(reply, 'venIdOf');
  return textOf(child(payload, 'venID')) ?? textOf(child(payload, 'eiCreatedEvent', 'venID'));
}

export function vtnIdOf(reply: VenReply): string | undefined {
  return textOf(child(requireParsed(reply, 'vtnIdOf'), 'vtnID'));
}

export function registrationIdOf(reply: VenReply): string | undefined {
  return textOf(child(requireParsed(reply, 'registrationIdOf'), 'registrationID'));
}

/** oadrRequestedOadrPollFreq as an ISO 8601 duration string. */
export function pollFrequencyOf(reply: VenReply): string | undefined {
  return textOf(child(requireParsed(reply, 'pollFrequencyOf'), 'oadrRequestedOadrPollFreq', 'duration'));
}

/** Profiles offered in oadrCreatedPartyRegistration, each with its transports. */
export function profilesOf(reply: VenReply): Array<{ profile: string; transports: string[] }> {
  const profiles = listOf(child(requireParsed(reply, 'profilesOf'), 'oadrProfiles', 'oadrProfile'));
  return profiles.map((p) => ({
    profile: textOf(child(p, 'oadrProfileName')) ?? '',
    transports: listOf(child(p, 'oadrTransports', 'oadrTransport')).map((t) => textOf(child(t, 'oadrTransportName')) ?? ''),
  }));
}
