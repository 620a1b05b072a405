import { QuadrantError } from '@quadrant/spec';

/** The queue every `bench --queue` and `worker` uses unless `--queue-name` names another. */
export const defaultQueueName = 'quadrant';

/** A Redis server and the BullMQ queue on it that cells go through. */
export interface QueueTarget {
  /** The URL as given, password included: only for connecting, never for printing. */
  readonly url: string;
  /** The URL with its password replaced by `***`: what messages and results show. */
  readonly display: string;
  /** The BullMQ queue name. */
  readonly name: string;
  /** `text` with the password, if the URL has one, replaced by `***`. */
  redact(text: string): string;
}

const expected = 'expected redis://[user:password@]host[:port][/db] (rediss:// for TLS)';

/**
 * Reads a `--queue` URL. Refused before any connection, naming the URL without its password:
 * a scheme other than redis or rediss, a port outside 1–65535, a path that is not a database
 * number, or text that is no URL at all.
 * @throws QuadrantError `INPUT_INVALID`
 */
export function parseQueueTarget(text: string, name: string = defaultQueueName): QueueTarget {
  const shown = redactUrl(text);
  const refuse = (why: string) => new QuadrantError('INPUT_INVALID', `--queue ${shown}: ${why}; ${expected}`);
  // The port is checked on the text, since URL() refuses a bad port only as "Invalid URL".
  const port = /^[a-z][a-z\d+.-]*:\/\/(?:[^/?#]*@)?(?:\[[^\]/]*\]|[^:/?#]*):([^/?#]*)/i.exec(text)?.[1];
  if (port !== undefined && port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw refuse(`port '${port}' is not a number from 1 to 65535`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('not a URL');
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'redis' && scheme !== 'rediss') throw refuse(`scheme '${scheme}' is not supported`);
  if (url.hostname === '') throw refuse('no host');
  if (!/^(\/\d*)?$/.test(url.pathname)) throw refuse(`'${url.pathname}' is not a database number`);
  if (name.trim() === '' || name.includes(':')) throw new QuadrantError('INPUT_INVALID', `--queue-name '${name}': expected a non-empty name without ':'`);
  // A lone user info (`redis://secret@host`) may be read as a password: a secret too.
  const secrets = [...new Set(url.password === '' ? [url.username, decoded(url.username)] : [url.password, decoded(url.password)])].filter(
    (secret) => secret !== '',
  );
  return {
    url: text,
    display: shown,
    name,
    redact: (message) => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), message),
  };
}

/** Percent-decoded text, or the text itself where it is not valid percent-encoding. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A URL's text with its password replaced by `***`: the user info up to the last `@` of the
 * authority, keeping a user name before `:` (a lone `secret@` may be read as a password).
 * Text that is not a URL with user info comes back as it is.
 */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z\d+.-]*:\/\/)([^/?#]*)@/i, (_match, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return `${scheme}${colon === -1 ? '' : userInfo.slice(0, colon)}${colon === -1 ? '***' : ':***'}@`;
  });
}
