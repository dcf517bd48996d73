// @vitest-environment jsdom
/** Session 39 (newcomer s39 N17): the studio's Export asks for the canvas layout unless told not to. */
import './support/setup';
import { describe, expect, it, vi } from 'vitest';
import { exportFlowFile } from '../../renderer/studio/home/exportFlowFile';

describe('exportFlowFile', () => {
  it('asks the studio server for the layout by default, and leaves it out when told', async () => {
    const exportFlow = vi.fn(async () => ({ fileName: 'shop.json', text: '{}', warnings: [] }));
    // The download goes through a blob address; test/component shares one page per worker, so put them back after.
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    try {
      await exportFlowFile({ exportFlow }, 'shop');
      expect(exportFlow).toHaveBeenLastCalledWith('shop', true);
      await exportFlowFile({ exportFlow }, 'shop', { layout: false });
      expect(exportFlow).toHaveBeenLastCalledWith('shop', false);
    } finally {
      URL.createObjectURL = saved.create;
      URL.revokeObjectURL = saved.revoke;
    }
  });
});
