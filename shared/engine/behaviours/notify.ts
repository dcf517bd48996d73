/**
 * Notify: asks the runtime to send an email, Slack message or webhook, then continues on `next`. A target
 * may be `{{secrets.NAME}}` (a webhook URL with a token): left verbatim for the runtime (`secretRefs`).
 */
import type { BlockBehaviour } from './types';
import { exitTarget } from '../runBlocks';
import { breakPlaceholders, renderNotification, renderTemplate, renderUrl, secretNames, stripControl } from '../../flow/template';

export const notifyBehaviour: BlockBehaviour<'notify'> = {
  enter(run, block) {
    const d = block.data;
    const webhook = d.channel === 'webhook';
    run.effects.push({
      type: 'notify',
      channel: d.channel,
      // A webhook URL is a URL (values percent-encoded); an address or channel never spans lines.
      to: d.to.map((t) => (webhook ? renderUrl(t, run.s.variables) : stripControl(renderNotification(t, run.s.variables)))),
      // Secrets are for targets (a webhook URL); in a subject or text they render nothing.
      subject: stripControl(renderTemplate(d.subject, run.s.variables, breakPlaceholders)),
      text: renderTemplate(d.text, run.s.variables, breakPlaceholders),
      secretRefs: secretNames(...d.to),
    });
    return exitTarget(run, block, 'next');
  },
};
