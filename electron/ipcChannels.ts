/** The only IPC channels between the studio page (through the preload) and the main process. */
export const ipcChannels = {
  pickFlowFile: 'baton:pick-flow-file',
  saveFile: 'baton:save-file',
  setOpenFlow: 'baton:set-open-flow',
  menuCommand: 'baton:menu-command',
} as const;

/** Commands the menus send to the page. */
export const menuCommands = ['new-flow', 'import', 'export', 'home', 'history', 'undo', 'redo', 'find', 'shortcuts', 'fit-view', 'zoom-in', 'zoom-out', 'toggle-theme'] as const;
export type MenuCommand = (typeof menuCommands)[number];
