import { join } from 'node:path';
import { safeStorage } from 'electron';
import { AppError } from '../../shared/model/errors';
import { FileSecretStore, type SecretStore } from '../core/workspace/secrets';

/**
 * Secrets for the desktop app, encrypted with the OS keychain through Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, the Secret Service/kwallet on Linux). The ciphertext is
 * kept in a 0600 file beside the app's other data, never in a workspace.
 *
 * Call after app 'ready' (safeStorage needs it). Where no keychain is available (Linux without a
 * Secret Service, safeStorage falls back to a hard-coded key), saving a secret fails with
 * UNSUPPORTED instead of pretending to encrypt; LOUPE_SECRET_<NAME> still works there.
 */
export function createSafeStorageSecretStore(userDataPath: string): SecretStore {
  const file = new FileSecretStore(join(userDataPath, 'secrets.safe.json'), {
    encode(value) {
      if (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
        throw new AppError(
          'UNSUPPORTED',
          'No OS keychain is available to encrypt secrets; set them as LOUPE_SECRET_<NAME> environment variables instead',
        );
      }
      return safeStorage.encryptString(value).toString('base64');
    },
    decode(stored) {
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
  });
  return file;
}
