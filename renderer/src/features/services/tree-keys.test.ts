import { describe, expect, it } from 'vitest';
import { treeKeyTarget } from './tree-keys';

const visible = ['svc.A', 'svc.A.One', 'svc.A.Two', 'svc.B'];

describe('service tree keys', () => {
  it('Up and Down move through what is shown, and stop at the ends', () => {
    expect(treeKeyTarget('ArrowDown', { id: 'svc.A', visible, open: true })).toEqual({
      kind: 'focus',
      id: 'svc.A.One',
    });
    expect(treeKeyTarget('ArrowUp', { id: 'svc.A.One', parent: 'svc.A', visible })).toEqual({
      kind: 'focus',
      id: 'svc.A',
    });
    expect(treeKeyTarget('ArrowDown', { id: 'svc.B', visible, open: false })).toBeUndefined();
    expect(treeKeyTarget('ArrowUp', { id: 'svc.A', visible, open: true })).toBeUndefined();
  });

  it('Home and End go to the first and the last item', () => {
    expect(treeKeyTarget('Home', { id: 'svc.A.Two', parent: 'svc.A', visible })).toEqual({
      kind: 'focus',
      id: 'svc.A',
    });
    expect(treeKeyTarget('End', { id: 'svc.A', visible, open: true })).toEqual({ kind: 'focus', id: 'svc.B' });
  });

  it('Right opens a closed service, then enters it; Left leaves a method, then closes its service', () => {
    expect(treeKeyTarget('ArrowRight', { id: 'svc.B', visible, open: false })).toEqual({ kind: 'toggle', open: true });
    expect(treeKeyTarget('ArrowRight', { id: 'svc.A', visible, open: true })).toEqual({
      kind: 'focus',
      id: 'svc.A.One',
    });
    expect(treeKeyTarget('ArrowLeft', { id: 'svc.A.Two', parent: 'svc.A', visible })).toEqual({
      kind: 'focus',
      id: 'svc.A',
    });
    expect(treeKeyTarget('ArrowLeft', { id: 'svc.A', visible, open: true })).toEqual({ kind: 'toggle', open: false });
    expect(treeKeyTarget('ArrowRight', { id: 'svc.A.One', parent: 'svc.A', visible })).toBeUndefined();
  });

  it('Enter opens a method and toggles a service; other keys are left alone', () => {
    expect(treeKeyTarget('Enter', { id: 'svc.A.One', parent: 'svc.A', visible })).toEqual({ kind: 'activate' });
    expect(treeKeyTarget(' ', { id: 'svc.A', visible, open: true })).toEqual({ kind: 'toggle', open: false });
    expect(treeKeyTarget('x', { id: 'svc.A', visible, open: true })).toBeUndefined();
  });

  it('leaves keys held with Ctrl, Cmd or Alt to the window (Ctrl+Enter sends the request)', () => {
    expect(treeKeyTarget('Enter', { id: 'svc.A.One', parent: 'svc.A', visible, modified: true })).toBeUndefined();
    expect(treeKeyTarget('ArrowDown', { id: 'svc.A', visible, open: true, modified: true })).toBeUndefined();
  });
});
