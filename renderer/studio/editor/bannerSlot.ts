/**
 * Where the editor's banners go (newcomer s16/s17 N#2): a row of the editor's layout under its top bar, so a banner
 * pushes the canvas and the inspector down instead of covering them. At 1024 px the stale-window banner (fixed,
 * centred, 760 px wide) covered the top of the inspector, its tabs included. Editor.tsx provides the row; SaveStatus's
 * banners are put into it. Without an editor (component tests, other pages) they are drawn where they are, floating.
 */
import { createContext, useContext } from 'react';

export const BannerSlot = createContext<HTMLElement | null>(null);

export const useBannerSlot = () => useContext(BannerSlot);
