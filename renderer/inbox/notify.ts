/**
 * New-handoff alerts: a short sound (Web Audio, no file), the count in the tab title (badge) and a desktop
 * notification (Notification API) when the agent allowed it. Every part is optional: a browser without the
 * API, or an agent who said no, still gets the others.
 */
export interface Alerts {
  newHandoff(text: string): void;
  setBadge(count: number): void;
  askPermission(): Promise<string>;
  permission(): string;
}

export function browserAlerts(baseTitle = 'Baton Inbox'): Alerts {
  let ctx: AudioContext | null = null;
  const beep = () => {
    try {
      const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!AC) return;
      ctx ??= new AC();
      const t = ctx.currentTime;
      for (const [i, freq] of [880, 1175].entries()) {
        const o = ctx.createOscillator();
        const g = ctx.createGain();
        o.frequency.value = freq;
        g.gain.setValueAtTime(0.0001, t + i * 0.16);
        g.gain.exponentialRampToValueAtTime(0.2, t + i * 0.16 + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.16 + 0.15);
        o.connect(g).connect(ctx.destination);
        o.start(t + i * 0.16);
        o.stop(t + i * 0.16 + 0.16);
      }
    } catch {
      /* no sound available */
    }
  };
  return {
    newHandoff(text) {
      beep();
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        try {
          new Notification('New chat waiting', { body: text, tag: 'baton-handoff' });
        } catch {
          /* some browsers only allow notifications from a service worker */
        }
      }
    },
    setBadge(count) {
      document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
    },
    async askPermission() {
      if (typeof Notification === 'undefined') return 'unsupported';
      return Notification.requestPermission();
    },
    permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
  };
}
