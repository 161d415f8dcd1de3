import { useEffect, useState } from 'react';
import type { PickFilesInput } from '../../../shared/contract';
import { api } from './client';

let nativeDialogs: Promise<boolean> | undefined;

/** Whether the host can show a native file dialog (the desktop app); asked once per page. */
export function useNativeFileDialogs(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    nativeDialogs ??= api()
      .request('app.info', {})
      .then(
        (info) => info.capabilities.nativeFileDialogs,
        () => false,
      );
    void nativeDialogs.then((value) => {
      if (live) setAvailable(value);
    });
    return () => {
      live = false;
    };
  }, []);
  return available;
}

export type PickRequest = Omit<PickFilesInput, 'multiple' | 'directory'> & { multiple?: boolean; directory?: boolean };

/** Absolute paths the user chose; empty when they cancelled. */
export function pickFiles(request: PickRequest): Promise<string[]> {
  return api().request('host.pickFiles', request);
}
