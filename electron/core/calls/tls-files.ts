import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import { FILE_KINDS, readUserFile, type FileKind } from '../fs/read-user-file';

/** The PEM files a TLS target names, read and checked. */
export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function notPem(path: string, kind: FileKind, why: string): AppError {
  return new AppError(
    'VALIDATION',
    `The ${kind.name} ${path} is not a PEM ${kind === FILE_KINDS.clientKey ? 'private key' : 'certificate'}: ${why}`,
    {
      locations: [{ file: path }],
      details: { path, kind: kind.name },
    },
  );
}

/** DER (binary) starts with an ASN.1 SEQUENCE; people often have one where PEM is asked for. */
const looksLikeDer = (bytes: Buffer) => bytes[0] === 0x30 && (bytes[1] ?? 0) >= 0x80;

/**
 * Without this check a file that holds no certificate at all reaches the TLS library as an empty
 * trust store, and the user is told the server's certificate is "not issued by a trusted CA".
 */
function checkCertificates(path: string, kind: FileKind, bytes: Buffer): void {
  if (looksLikeDer(bytes)) {
    throw notPem(
      path,
      kind,
      `it is binary (DER); convert it with \`openssl x509 -inform der -in ${path} -out ${path}.pem\``,
    );
  }
  const blocks = bytes.toString('utf8').match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw notPem(path, kind, 'it has no -----BEGIN CERTIFICATE----- block');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (err) {
      throw notPem(path, kind, `certificate ${i + 1} of ${blocks.length} does not parse (${(err as Error).message})`);
    }
  });
}

function checkKey(path: string, bytes: Buffer): void {
  const kind = FILE_KINDS.clientKey;
  const text = bytes.toString('utf8');
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw notPem(
      path,
      kind,
      `it is encrypted, and gRPC needs it unencrypted; write one with \`openssl pkey -in ${path} -out ${path}.plain.pem\``,
    );
  }
  if (looksLikeDer(bytes))
    throw notPem(
      path,
      kind,
      `it is binary (DER); convert it with \`openssl pkey -inform der -in ${path} -out ${path}.pem\``,
    );
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw notPem(path, kind, 'it has no -----BEGIN PRIVATE KEY----- block');
  try {
    createPrivateKey({ key: text, format: 'pem' });
  } catch (err) {
    throw notPem(path, kind, `it does not parse (${(err as Error).message})`);
  }
}

/** Reads the target's CA bundle, client certificate and key (each bounded and async) and checks each is PEM. */
export async function readTlsFiles(target: TargetSettings): Promise<TlsFiles> {
  const { caPath, certPath, keyPath } = target.tls;
  const [ca, cert, key] = await Promise.all([
    caPath ? readUserFile(caPath, FILE_KINDS.caBundle) : undefined,
    certPath ? readUserFile(certPath, FILE_KINDS.clientCert) : undefined,
    keyPath ? readUserFile(keyPath, FILE_KINDS.clientKey) : undefined,
  ]);
  if (ca && caPath) checkCertificates(caPath, FILE_KINDS.caBundle, ca);
  if (cert && certPath) checkCertificates(certPath, FILE_KINDS.clientCert, cert);
  if (key && keyPath) checkKey(keyPath, key);
  return { ca, cert, key };
}

/** Whether connecting to the target needs files read first. */
export function needsTlsFiles(target: TargetSettings): boolean {
  return target.tls.enabled && Boolean(target.tls.caPath || target.tls.certPath || target.tls.keyPath);
}
