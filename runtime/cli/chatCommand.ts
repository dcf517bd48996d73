/**
 * `baton chat FLOW`: the simulator in a terminal. The tester plays the customer and, after a handoff, the
 * agent; the clock is virtual and only moves with `/wait`.
 */
import { createInterface } from 'node:readline';
import type { Effect, Step } from '../../shared/engine/types';
import type { Flow } from '../../shared/flow/schema';
import { createSimulation, type HttpEffect, type HttpResult } from '../../shared/simulator/createSimulation';
import { parseDuration } from '../../shared/simulator/parseDuration';

export interface ChatOptions {
  now: number;
  /** live: real HTTP requests; fail: every HTTP block takes its error exit. */
  http: 'live' | 'fail';
  color: boolean;
}

const HELP = `Commands (everything else is sent as the customer's message; a number picks a shown button):
  /accept [NAME]   play the agent: take the waiting chat (default name: Alex)
  /say TEXT        play the agent: send TEXT to the customer
  /decline         play the agent: put the chat back in the queue
  /handback        play the agent: hand the conversation back to the bot (flow follows "resolved")
  /close           play the agent: close the conversation
  /noagent         the runtime found no agent (flow follows "no_agent")
  /leave           the customer leaves
  /wait DURATION   move the virtual clock, e.g. /wait 10m, /wait 90s, /wait 1h30m (fires due timers)
  /state           show mode, variables, handoff and timers
  /help            this list
  /quit            leave the simulator`;

export async function chatCommand(file: string, flow: Flow, options: ChatOptions): Promise<number> {
  const c = (code: number, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out = (s: string) => process.stdout.write(s + '\n');
  let agentId = 'agent-1';
  let agentName = 'Alex';

  out(
    c(1, `Baton simulator`) +
      ` · ${flow.name} (${file}) · virtual clock ${new Date(options.now).toISOString().replace('.000Z', 'Z')}` +
      `\nType /help for commands, /quit to leave.\n`,
  );

  const sim = createSimulation(flow, { now: options.now, conversationId: 'cli' });

  function printSteps(steps: Step[]) {
    for (const step of steps) {
      if (step.rejected) out(c(33, `  · not done: ${step.rejected.reason}`));
      if (step.decision && step.decision.action !== 'none') {
        out(c(33, `  ⚑ escalation (${step.decision.action}): ${step.decision.reason} — ${step.decision.explanation}`));
        for (const s of step.decision.signals) out(c(33, `      · ${s.reason} score ${s.score.toFixed(2)} / threshold ${s.threshold}: ${s.explanation}`));
      }
      for (const m of step.messages) {
        const who = m.from === 'agent' ? c(35, `${m.name ?? 'agent'} ›`) : m.from === 'system' ? c(90, 'system ›') : c(36, 'bot ›');
        out(`${who} ${m.text}`);
        if (m.buttons?.length) out('      ' + m.buttons.map((b, i) => c(32, `[${i + 1}] ${b.label}`)).join('  '));
      }
      for (const e of step.effects) {
        const line = describeEffect(e);
        if (line) out(c(90, `  · ${line}`));
      }
    }
  }

  async function answerHttp(): Promise<void> {
    while (sim.pendingHttp.length) {
      const req = sim.pendingHttp.shift()!;
      const result = options.http === 'fail' ? { ok: false, status: 0, body: null } : await liveHttp(req);
      out(c(90, `  · HTTP ${req.method} ${req.url} -> ${result.ok ? result.status : 'failed (' + result.status + ')'}`));
      printSteps(sim.send({ type: 'http_result', requestId: req.requestId, ...result }));
    }
  }

  printSteps(sim.steps);
  await answerHttp();

  const rl = createInterface({ input: process.stdin, terminal: false });
  // At a terminal the prompt waits for the tester's typing; with piped input (a script) each line is echoed
  // after the prompt instead, so the output reads as a transcript.
  const interactive = Boolean(process.stdin.isTTY);
  const prompt = () => {
    if (interactive) process.stdout.write(c(90, `[${sim.state.mode}] you › `));
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!interactive && line !== '') out(c(90, `[${sim.state.mode}] you › `) + line);
    if (line === '') {
      prompt();
      continue;
    }
    if (line.startsWith('/')) {
      const [cmd, ...rest] = line.split(/\s+/);
      const arg = line.slice(cmd.length).trim();
      switch (cmd) {
        case '/quit':
        case '/exit':
          rl.close();
          return 0;
        case '/help':
          out(HELP);
          break;
        case '/accept':
          if (arg) agentName = arg;
          agentId = 'agent-' + agentName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
          printSteps(sim.agent({ type: 'agent_accepted', agentId, agentName }));
          break;
        case '/say':
          if (!arg) out('Usage: /say TEXT');
          else printSteps(sim.agent({ type: 'agent_message', agentId, agentName, text: arg }));
          break;
        case '/decline':
          printSteps(sim.agent({ type: 'agent_declined', agentId }));
          break;
        case '/handback':
          printSteps(sim.agent({ type: 'agent_handback', agentId }));
          break;
        case '/close':
          printSteps(sim.agent({ type: 'agent_closed', agentId }));
          break;
        case '/noagent':
          printSteps(sim.agent({ type: 'no_agent' }));
          break;
        case '/leave':
          printSteps(sim.send({ type: 'customer_left' }));
          break;
        case '/wait': {
          const ms = parseDuration(rest.join(''));
          if (ms === null) out('Usage: /wait DURATION, e.g. /wait 10m, /wait 90s, /wait 1h30m');
          else {
            printSteps(sim.advance(ms));
            out(c(90, `  · clock: ${new Date(sim.now).toISOString().replace('.000Z', 'Z')}`));
          }
          break;
        }
        case '/state':
          out(describeState(sim));
          break;
        default:
          out(`Unknown command ${cmd}. Type /help for the list.`);
      }
    } else {
      const buttons = sim.shownButtons();
      const n = /^\d+$/.test(line) ? Number(line) : NaN;
      if (buttons.length && n >= 1 && n <= buttons.length) printSteps(sim.send({ type: 'choice', buttonId: buttons[n - 1].id }));
      else printSteps(sim.say(line));
    }
    await answerHttp();
    prompt();
  }
  out('');
  return 0;
}

function describeState(sim: ReturnType<typeof createSimulation>): string {
  const s = sim.state;
  const lines = [
    `mode: ${s.mode}   waiting: ${s.waiting ? `${s.waiting.kind} at ${s.waiting.blockId}` : 'nothing'}   clock: ${new Date(sim.now).toISOString()}`,
    `variables: ${JSON.stringify(s.variables)}`,
  ];
  if (s.handoff) lines.push(`handoff: ${s.handoff.id} ${s.handoff.status} (${s.handoff.assignation}, reason ${s.handoff.reason}, agent ${s.handoff.agentName ?? '-'})`);
  if (s.timers.length) lines.push(`timers: ${s.timers.map((t) => `${t.purpose} at ${new Date(t.at).toISOString()}`).join(', ')}`);
  return lines.join('\n');
}

export function describeEffect(e: Effect): string | null {
  switch (e.type) {
    case 'handoff_request':
      return `handoff requested: ${e.handoff.id} (${e.assignation}, reason ${e.handoff.reason}, priority ${e.priority}${e.autoAssign ? ', auto-assign ' + e.autoAssign.strategy : ''}). Summary for the agent: ${e.context.summary}`;
    case 'handoff_update':
      return `handoff ${e.handoff.id} is now ${e.handoff.status}${e.handoff.agentName ? ' (' + e.handoff.agentName + ')' : ''}`;
    case 'relay_to_agent':
      return `relayed to the agent`;
    case 'notify':
      return `${e.channel} to ${e.to.join(', ')}: ${e.subject ? e.subject + ' — ' : ''}${e.text}`;
    case 'set_timer':
      return `timer ${e.timer.purpose} set for ${new Date(e.timer.at).toISOString()}`;
    case 'cancel_timer':
      return null;
    case 'http_request':
      return null;
    case 'create_ticket':
      return `ticket ${e.ticketId} opened for ${e.contact.email ?? e.contact.phone ?? 'unknown contact'}: ${e.issue}`;
    case 'record_csat':
      return `CSAT recorded: ${e.score}/5`;
    case 'end':
      return `conversation ended (${e.reason})`;
  }
}

async function liveHttp(req: HttpEffect): Promise<HttpResult> {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.method === 'GET' || req.method === 'DELETE' || req.body === '' ? undefined : req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { ok: res.ok, status: res.status, body };
  } catch {
    return { ok: false, status: 0, body: null };
  }
}
