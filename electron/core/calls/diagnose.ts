import * as net from 'node:net';
import * as tls from 'node:tls';
import { connectTimeoutOf, type TargetSettings } from '../../../shared/model/target';
import { parseEndpoint, type Endpoint } from '../../../shared/model/address';
import type { ProxyVia } from './proxy-route';
import { readTlsFiles, type TlsFiles } from './tls-files';

/**
 * grpc-js reports every connection failure as UNAVAILABLE with a free-text detail. To tell the
 * user what actually went wrong (refused, DNS, TLS and why, HTTP/1.1 on the port) without parsing
 * grpc-js's wording, we repeat the connection with node:net / node:tls, which give structured error
 * codes, and look at the first bytes the server answers with.
 */
export interface Diagnosis {
  message: string;
  hint?: string;
}

function where(e: Endpoint): string {
  return 'path' in e ? e.path : `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}

function socketError(err: NodeJS.ErrnoException, e: Endpoint): Diagnosis {
  switch (err.code) {
    case 'ECONNREFUSED':
      return {
        message: `Connection refused: nothing is listening on ${where(e)}.`,
        hint: 'Check that the server is running and the address and port are right.',
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return {
        message: `The host name '${'host' in e ? e.host : e.path}' could not be resolved.`,
        hint: 'Check the spelling of the host, or your DNS / network connection.',
      };
    case 'ENOENT':
      return { message: `There is no socket at ${where(e)}.`, hint: 'Check the unix socket path.' };
    case 'EACCES':
      return { message: `Permission denied opening ${where(e)}.` };
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { message: `${where(e)} is unreachable (${err.code}).`, hint: 'Check the address, VPN or firewall.' };
    case 'ECONNRESET':
      return { message: `${where(e)} accepted the connection, then reset it.` };
    default:
      return { message: `Could not connect to ${where(e)}: ${err.message}` };
  }
}

const TLS_ERRORS: Record<string, (host: string) => Diagnosis> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: () => ({
    message: "TLS handshake failed: the server's certificate is self-signed and not trusted.",
    hint: 'Trust it by giving its certificate as the CA bundle (CLI: --cacert), or skip verification for testing (CLI: --insecure).',
  }),
  SELF_SIGNED_CERT_IN_CHAIN: () => ({
    message: "TLS handshake failed: the server's certificate chain ends in an untrusted self-signed root.",
    hint: 'Give that root as the CA bundle (CLI: --cacert).',
  }),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => ({
    message: "TLS handshake failed: the server's certificate was not issued by a trusted CA.",
    hint: 'Check the CA bundle: it must contain the CA that signed the server certificate.',
  }),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => ({
    message: "TLS handshake failed: the CA that issued the server's certificate is not trusted.",
    hint: 'Check the CA bundle: it must contain the CA that signed the server certificate.',
  }),
  CERT_HAS_EXPIRED: () => ({ message: "TLS handshake failed: the server's certificate has expired." }),
  CERT_NOT_YET_VALID: () => ({ message: "TLS handshake failed: the server's certificate is not valid yet." }),
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => ({
    message: `TLS handshake failed: the server's certificate is not valid for '${host}' (host name mismatch).`,
    hint: 'Dial the name on the certificate, or set the authority override to it.',
  }),
};

function tlsError(err: NodeJS.ErrnoException, e: Endpoint, servername: string): Diagnosis {
  const known = err.code ? TLS_ERRORS[err.code] : undefined;
  if (known) return known(servername);
  const text = `${err.code ?? ''} ${err.message}`;
  if (/WRONG_VERSION_NUMBER|packet length too long|unknown protocol|http request/i.test(text)) {
    return {
      message: `TLS handshake failed: ${where(e)} does not speak TLS (it looks like a plaintext server).`,
      hint: 'Turn TLS off for this server (CLI: --plaintext).',
    };
  }
  if (/CERTIFICATE_REQUIRED|certificate required|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|alert/i.test(text)) {
    return {
      message: `TLS handshake failed: the server rejected the connection (${err.message.trim()}).`,
      hint: 'The server may require a client certificate it trusts (mTLS): set a client certificate and key (CLI: --cert and --key).',
    };
  }
  if (err.code && /^E[A-Z]+$/.test(err.code)) return socketError(err, e);
  return { message: `TLS handshake failed: ${err.message}` };
}

function connect(e: Endpoint): net.Socket {
  return 'path' in e ? net.connect({ path: e.path }) : net.connect({ host: e.host, port: e.port });
}

const H2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]), // empty SETTINGS frame
]);

/** What the first bytes a plaintext server answers to an HTTP/2 preface say about it. */
function classifyPlaintextReply(bytes: Buffer, e: Endpoint): Diagnosis | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes.subarray(0, 5).toString('latin1') === 'HTTP/') {
    return {
      message: `${where(e)} is an HTTP/1.x server, not a gRPC (HTTP/2) server.`,
      hint: 'Check the port: gRPC needs HTTP/2. Behind a proxy, make sure it forwards HTTP/2.',
    };
  }
  if (bytes[0] === 0x15 || bytes[0] === 0x16) {
    return {
      message: `${where(e)} expects TLS, but the call was made in plaintext.`,
      hint: 'Turn TLS on (CLI: drop --plaintext).',
    };
  }
  // Byte 3 of an HTTP/2 frame header is its type; 4 = SETTINGS, 7 = GOAWAY. Both mean HTTP/2.
  if (bytes.length >= 9 && (bytes[3] === 4 || bytes[3] === 7)) return undefined;
  return { message: `${where(e)} answered with something that is not HTTP/2.`, hint: 'Check the port.' };
}

/** Does the endpoint complete a TLS handshake (any certificate)? */
function speaksTls(e: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const opts: tls.ConnectionOptions = { rejectUnauthorized: false, ALPNProtocols: ['h2'] };
    const s =
      'path' in e ? tls.connect({ ...opts, path: e.path }) : tls.connect({ ...opts, host: e.host, port: e.port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => done(false));
    s.on('secureConnect', () => done(true));
    s.on('error', () => done(false));
    s.on('close', () => done(false));
  });
}

/**
 * Re-dials the target and explains why gRPC could not use it; undefined when all looks fine.
 * Never waits longer than the target's connect timeout.
 */
export async function diagnoseConnection(
  target: TargetSettings,
  timeoutMs = Math.min(3000, connectTimeoutOf(target)),
  /** The files the failing channel was made with (ChannelPool.tlsFiles): the diagnosis dials as it did. */
  tlsFiles?: TlsFiles,
  /** The proxy the failing channel went through (ChannelPool.via): the diagnosis goes through it too. */
  via?: ProxyVia,
): Promise<Diagnosis | undefined> {
  // A tunnel that did not open is the answer: the server was never reached.
  const proxyFailure = via?.failure();
  if (proxyFailure) return proxyFailure;
  // Without them, read the files; the pool already reported unreadable ones, so dial without them then.
  const pems = !target.tls.enabled ? {} : (tlsFiles ?? (await readTlsFiles(target).catch((): TlsFiles => ({}))));
  const found = await dial(target, pems, timeoutMs, via);
  // The diagnosis's own tunnel may have failed: that says more than a closed loopback socket.
  return via?.failure() ?? found;
}

function dial(
  target: TargetSettings,
  pems: TlsFiles,
  timeoutMs: number,
  via?: ProxyVia,
): Promise<Diagnosis | undefined> {
  const e = parseEndpoint(target.address);
  if (!e) return Promise.resolve({ message: `'${target.address}' is not a valid address.`, hint: 'Use host:port.' });
  // Through a proxy the socket goes to its loopback forwarder; messages still name the target.
  const dialed = (via && parseEndpoint(via.address)) || e;
  return new Promise((resolve) => {
    let settled = false;
    let socket: net.Socket | undefined;
    const finish = (d: Diagnosis | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(d);
    };
    const timer = setTimeout(
      () =>
        finish({
          message: `${where(e)} did not answer within ${timeoutMs / 1000} s.`,
          hint: 'Check the address, VPN or firewall.',
        }),
      timeoutMs,
    );
    timer.unref?.();

    if (!target.tls.enabled) {
      socket = connect(dialed);
      const chunks: Buffer[] = [];
      socket.on('connect', () => socket?.write(H2_PREFACE));
      socket.on('data', (b: Buffer) => {
        chunks.push(b);
        const all = Buffer.concat(chunks);
        if (all.length >= 9 || all.subarray(0, 5).toString('latin1') === 'HTTP/')
          finish(classifyPlaintextReply(all, e));
      });
      socket.on('close', () => {
        if (settled) return;
        const reply = classifyPlaintextReply(Buffer.concat(chunks), e);
        if (reply || chunks.length) return finish(reply);
        // Silence then close is how TLS servers treat a plaintext hello: try a TLS handshake.
        void speaksTls(dialed).then((tlsOk) =>
          finish(
            tlsOk
              ? {
                  message: `${where(e)} expects TLS, but the call was made in plaintext.`,
                  hint: 'Turn TLS on (CLI: drop --plaintext).',
                }
              : {
                  message: `${where(e)} closed the connection without answering.`,
                  hint: 'Check the port: is it a gRPC server?',
                },
          ),
        );
      });
      socket.on('error', (err) => finish(socketError(err, e)));
      return;
    }

    const servername = target.authority?.replace(/:\d+$/, '') ?? ('host' in e ? e.host : 'localhost');
    const options: tls.ConnectionOptions = {
      ALPNProtocols: ['h2'],
      servername: net.isIP(servername) ? undefined : servername,
      ca: pems.ca,
      cert: pems.cert,
      key: pems.key,
      rejectUnauthorized: !target.tls.insecureSkipVerify,
      checkServerIdentity: target.tls.insecureSkipVerify
        ? () => undefined
        : (_host, cert) => tls.checkServerIdentity(servername, cert),
    };
    const s =
      'path' in dialed
        ? tls.connect({ ...options, path: dialed.path })
        : tls.connect({ ...options, host: dialed.host, port: dialed.port });
    socket = s;
    s.on('secureConnect', () => {
      if (s.alpnProtocol !== 'h2') {
        finish({
          message: `${where(e)} accepts TLS but does not offer HTTP/2 (ALPN h2): it is not a gRPC server.`,
          hint: 'Check the port; a proxy in front of the server must support HTTP/2.',
        });
        return;
      }
      // TLS 1.3 servers verify client certificates after the handshake: wait briefly for an alert.
      s.write(H2_PREFACE);
      s.once('data', () => finish(undefined));
    });
    s.on('error', (err: NodeJS.ErrnoException) => finish(tlsError(err, e, servername)));
    s.on('end', () => finish(undefined));
  });
}

/**
 * Explains a socket or TLS error that a connection (gRPC-Web or Connect over HTTP/1.1) already
 * met, with the same words as a re-dial would, without dialing again.
 */
export function describeConnectionError(err: NodeJS.ErrnoException, target: TargetSettings): Diagnosis {
  const e = parseEndpoint(target.address) ?? { host: target.address, port: 0 };
  if (!target.tls.enabled) return socketError(err, e);
  const servername = target.authority?.replace(/:\d+$/, '') ?? ('host' in e ? e.host : 'localhost');
  return tlsError(err, e, servername);
}
