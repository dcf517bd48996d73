/**
 * `baton chat FLOW`: the simulator in a terminal. The tester plays the customer and, after a handoff, the
 * agent; the clock is virtual and only moves with `/wait`.
 */
import { createInterface } from 'node:readline';
import type { Effect, Step } from '../../shared/engine/types';
import { maskCustomerSecrets } from '../../shared/engine/customerSecrets';
import { MAX_CUSTOMER_TEXT } from '../../shared/engine/engine';
import { cutGraphemes, cutUnits, graphemeCount } from '../../shared/engine/unicodeText';
import type { Flow } from '../../shared/flow/schema';
import { createSimulation, MAX_ADVANCE_MS, type HttpEffect, type HttpResult } from '../../shared/simulator/createSimulation';
import { parseDuration } from '../../shared/simulator/parseDuration';
import { createScenarioSession, type ActionStep, type ScenarioSession } from '../../shared/simulator/scenarioSession';
import { agentForFile, recordScenario, secretStepsRefusal, upsertScenario } from '../../shared/simulator/scenarioRecorder';
import { findVirtualAgent, toPresence, virtualAgent, type VirtualAgent } from '../../shared/simulator/virtualAgents';
import { virtualAgentFrom } from '../../shared/simulator/scenarioSession';
import { formatScenarioFile } from '../../shared/simulator/scenarioFormat';
import { DEFAULT_SCENARIO_NOW, parseScenarioBytes, type ScenarioFile } from '../../shared/simulator/scenarioSchema';
import { formatClock } from '../../shared/simulator/simulatorView';
import { parseZonedTime } from '../../shared/flow/zonedTime';
import { defaultScenarioFile } from './testCommand';
import { readFileBytes } from './readFlowFile';
import { writeFileAtomic } from '../studio/writeFileAtomic';
import { simulateHttp } from '../studio/simulateHttp';
import { terminalStyle } from './terminalText';
import { DEFAULT_CLOCK_WORDS } from './simulateCommand';
import { handoffEnding } from '../../shared/handoff/lifecycle';
import type { HandoffEnding } from '../../shared/handoff/types';

export interface ChatOptions {
  /**
   * The virtual clock's start (--now). Absent: the scenario file's own `now`, else DEFAULT_SCENARIO_NOW (Mon 2 Mar
   * 2026 10:00 UTC): the clock the studio's simulator starts at, and `baton test` (newcomer s23 #4: the real clock
   * made the same chat hand over in the studio and not in the terminal, out of hours).
   */
  now?: number;
  /** live: real HTTP requests (secrets from BATON_SECRET_NAME, as the studio's "Call for real"); fail: every HTTP block takes its error exit. */
  http: 'live' | 'fail';
  color: boolean;
  /** Where the tester's lines come from (process.stdin, or a stream in tests). */
  input: NodeJS.ReadableStream;
  /** A terminal: line editing, history (up/down arrows) and a prompt. Otherwise each line is echoed. */
  interactive: boolean;
  write: (text: string) => void;
  /** Save the conversation as a scenario with this name when the chat ends (/quit or end of input). */
  saveScenario?: string;
  /** The scenario file to save into (default: beside the flow, FLOW.scenarios.json). */
  scenarioFile?: string;
  /** Where `--http live` reads BATON_SECRET_NAME values (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

const HELP = `Commands (everything else is sent as the customer's message; a number picks a shown button):
  /accept [NAME]     play the agent: take the waiting chat (default: the first online agent, else Alex)
  /say TEXT          play the agent: send TEXT to the customer
  /decline           play the agent: put the chat back in the queue (its waiting timers start again)
  /handback          play the agent: hand the conversation back to the bot (flow follows "resolved";
                     after /takeover the bot asks its last question again)
  /takeover [NAME]   play the agent: take over the live bot conversation now (default: as /accept)
  /close             play the agent: close the conversation
  /online NAME...    these agents are online (auto-assignment picks from them; "nobody online" can be tried).
                     The chat starts with the virtual agents of the scenario file (its "agents"), as baton test
                     does; a name the file does not list is added, and the saved scenario lists it in its steps
  /offline [NAME...] these agents go offline (no name: everyone); /online with no name lists who is online
  /noagent           the runtime found no agent (flow follows "no_agent")
  /leave             the customer leaves
  /wait DURATION     move the virtual clock, e.g. /wait 10m, /wait 90s, /wait 1h30m (fires due timers)
  /state             show mode, variables, handoff and timers
  /save NAME         save this conversation as a scenario NAME in FLOW.scenarios.json (baton test runs it;
                     a scenario with that name is replaced). --save-scenario NAME saves when the chat ends.
  /help              this list
  /quit              leave the simulator
HTTP Request blocks call the real API with --http live (the default): {{secrets.NAME}} is filled from the
environment variable BATON_SECRET_NAME (never a bare NAME) and never printed; --http fail takes the error exit.
The clock is virtual: it starts at --now (default: the scenario file's "now", else ${DEFAULT_CLOCK_WORDS},
as in the studio's simulator and baton test) and only moves with /wait. Opening hours and queue timeouts follow
it, so use e.g. --now 2026-11-24T20:00:00Z to try a weekday evening.`;

const agentIdOf = (name: string) => 'agent-' + name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * The virtual agents `baton test` will give a scenario saved into `path`: the file's top-level `agents`.
 * No file, or a file without agents: undefined (presence unknown). A file that cannot be read is reported
 * (the chat still runs; /save will refuse to replace it).
 */
async function fileAgents(path: string): Promise<{ agents?: VirtualAgent[]; now?: string; problem?: string }> {
  const read = await readFileBytes(path, 32 * 1024 * 1024);
  if (!read.ok) return / no such file$/.test(read.message) ? {} : { problem: read.message };
  const parsed = parseScenarioBytes(read.bytes);
  if (!parsed.ok) return { problem: `${path} is not a valid scenario file (${parsed.problems[0].path}: ${parsed.problems[0].message})` };
  return { ...(parsed.file.agents ? { agents: parsed.file.agents.map(virtualAgentFrom) } : {}), ...(parsed.file.now ? { now: parsed.file.now } : {}) };
}

export async function chatCommand(file: string, flow: Flow, options: ChatOptions): Promise<number> {
  // Flow, scenario and customer text is printed inert (hostile s9 #3): only this command's own colours are real.
  const { c, render } = terminalStyle(options.color);
  const out = (s: string) => options.write(render(s) + '\n');
  let agentId = 'agent-alex';
  let agentName = 'Alex';
  /** The name /accept and /takeover use when none is given: the last agent played, else the first online one. */
  let agentChosen = false;

  const scenarioPath = options.scenarioFile ?? defaultScenarioFile(file);
  // The chat runs with the agents baton test will use for a scenario saved into that file, so a saved chat
  // replays as it was played (auto-assignment included) and an agent the file does not list is added on purpose.
  const fromFile = await fileAgents(scenarioPath);
  // Without --now: the file's clock, else the studio's default (the file's `now` passed its schema: a real date).
  const fileNow = options.now === undefined && fromFile.now ? parseZonedTime(fromFile.now, flow.settings.timezone) : null;
  const now = options.now ?? (fileNow?.ok ? fileNow.at : Date.parse(DEFAULT_SCENARIO_NOW));
  const clockFrom = options.now !== undefined ? '--now' : fileNow?.ok ? `the "now" of ${scenarioPath}, as in the studio's simulator` : "the default, as in the studio's simulator";
  out(
    c(1, `Baton simulator`) +
      ` · ${flow.name} (${file}) · virtual clock ${clock(now)} = ${formatClock(now, flow.settings.timezone)} (${clockFrom})` +
      `\nType /help for commands, /quit to leave. The clock only moves with /wait (start it elsewhere with --now).\n`,
  );

  let team: VirtualAgent[] | undefined = fromFile.agents;
  const sim = createSimulation(flow, { now, conversationId: CHAT_CONVERSATION_ID });
  if (team) sim.agents = toPresence(team);
  const recorder = scenarioRecorder(flow, now, team);
  if (fromFile.problem) out(c(33, `  · ${fromFile.problem}: no virtual agents taken from it, and /save will not replace it`));
  else if (team) out(c(90, `  · virtual agents from ${scenarioPath} (as baton test uses them): ${describeTeam(team)}`));

  const agentIdFor = (name: string) => (team && findVirtualAgent(team, name)?.id) || agentIdOf(name);
  const defaultAgent = () => (agentChosen ? agentName : (team?.find((a) => a.status === 'online')?.name ?? agentName));
  /** Sets the team on the chat and, as an `agents` step, on the scenario being recorded. */
  function setTeam(next: VirtualAgent[]) {
    team = next;
    sim.agents = toPresence(next);
    recorder.apply({ agents: next.map(agentForFile) });
  }
  /**
   * Makes NAME an agent who can take the chat. Not in the file's agents: added (online) and said so, so the
   * saved scenario replays. Listed but busy or offline: refused with what to do. No agents anywhere: anyone.
   */
  function ensureAgent(name: string): { name: string; id: string } | null {
    if (!team) return { name, id: agentIdOf(name) };
    const known = findVirtualAgent(team, name);
    if (known) {
      if (known.status === 'online') return { name: known.name, id: known.id };
      out(c(33, `  · not done: ${known.name} is ${known.status} in ${scenarioPath}; /online ${known.name} first.`));
      return null;
    }
    const added = virtualAgent({ name });
    out(c(33, `  · ${name} is not one of the virtual agents of ${scenarioPath} (${team.map((a) => a.name).join(', ') || 'none'}): added ${name}, online; a saved scenario adds ${name} in its steps, so baton test can replay it.`));
    setTeam([...team, added]);
    return { name: added.name, id: added.id };
  }
  // Customer lines that held a card number or password (hostile s16 H#19): a scenario file sits next to the flow and is
  // committed with it, so a chat that typed one is not saved (its replay would not say the masking notice either).
  const secretLines: number[] = [];
  let customerLines = 0;
  async function save(name: string): Promise<void> {
    if (secretLines.length > 0) {
      out(
        c(
          33,
          `  · not saved: your message${secretLines.length > 1 ? 's' : ''} ${secretLines.join(', ')} held a card number or password (the chat stored ${secretLines.length > 1 ? 'them' : 'it'} masked); a scenario file is kept next to the flow and would hold it. Chat again without it (e.g. "my card ends 1111") and save that.`,
        ),
      );
      return;
    }
    const r = await recorder.save(name, scenarioPath, sim.transcript.map((t) => t.text));
    out(r.ok ? c(32, `  · ${r.message}`) : c(33, `  · not saved: ${r.message}`));
    if (r.ok && team && JSON.stringify(team) !== JSON.stringify(fromFile.agents ?? null))
      out(c(90, `  · the scenario's steps set its agents (${describeTeam(team)}); the file's own "agents" are unchanged`));
  }

  function printSteps(steps: Step[]) {
    for (const step of steps) {
      if (step.rejected) out(c(33, `  · not done: ${step.rejected.reason}`));
      if (step.decision && step.decision.action !== 'none') {
        out(c(33, `  ⚑ escalation (${step.decision.action}): ${step.decision.reason} — ${step.decision.explanation}`));
        for (const s of step.decision.signals) out(c(33, `      · ${s.reason}: ${s.explanation}`));
      }
      // Session 43 (policy1): a complaint the flow understood, answered instead of handed over, says why.
      else if (step.decision?.understoodComplaint === 'answered') out(c(90, `  · ${step.decision.explanation}`));
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
      const result: HttpResult & { error?: string } = options.http === 'fail' ? { ok: false, status: 0, body: null } : await liveHttp(req, options.env);
      // The URL as the flow wrote it: {{secrets.NAME}} stays a placeholder on screen (and in the saved scenario).
      out(c(90, `  · HTTP ${req.method} ${req.url} -> ${result.ok ? result.status : 'failed (' + result.status + ')'}${result.error ? `: ${result.error}` : ''}`));
      const { error: _error, ...reply } = result;
      printSteps(sim.send({ type: 'http_result', requestId: req.requestId, ...reply }));
      // The reply is kept in the scenario, so `baton test` replays it without the network.
      recorder.apply({ httpReply: { status: result.status, ok: result.ok, ...(result.body === null || result.body === undefined ? {} : { body: result.body }) } });
    }
  }

  /** Why an agent command cannot apply now, said before asking the engine (which refuses with its own reason too). */
  function agentCommandProblem(): string | null {
    const s = sim.state;
    if (!s.handoff || (s.mode !== 'waiting' && s.mode !== 'agent')) return 'no chat is waiting for an agent: the bot is handling this conversation (ask for a person first).';
    return null;
  }

  printSteps(sim.steps);
  await answerHttp();

  const rl = createInterface({
    input: options.input,
    output: options.interactive ? process.stdout : undefined,
    terminal: options.interactive,
    historySize: options.interactive ? 500 : 0,
    prompt: '',
  });
  const prompt = () => {
    if (!options.interactive) return;
    rl.setPrompt(render(c(90, `[${sim.state.mode}] you › `)));
    rl.prompt();
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!options.interactive && line !== '') out(c(90, `[${sim.state.mode}] you › `) + line);
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
          if (options.saveScenario) await save(options.saveScenario);
          return 0;
        case '/save':
          if (!arg) out('Usage: /save NAME (the scenario\'s name in the scenario file)');
          else await save(arg);
          break;
        case '/help':
          out(HELP);
          break;
        case '/accept': {
          const problem = agentCommandProblem();
          if (problem) {
            out(c(33, `  · not done: ${problem}`));
            break;
          }
          const h = sim.state.handoff!;
          const wanted = arg || defaultAgent();
          if (h.status === 'assigned' && h.agentId !== agentIdFor(wanted)) {
            out(c(33, `  · not done: ${h.agentName} has already accepted this chat, so ${wanted} cannot. /decline as ${h.agentName} first.`));
            break;
          }
          const who = ensureAgent(wanted);
          if (!who) break;
          agentName = who.name;
          agentId = who.id;
          agentChosen = true;
          printSteps(sim.agent({ type: 'agent_accepted', agentId, agentName }));
          recorder.apply({ agent: 'accept', as: who.name });
          break;
        }
        case '/takeover': {
          const wanted = arg || defaultAgent();
          const h = sim.state.handoff;
          if (sim.state.mode === 'agent' && h?.agentName) {
            // Already with an agent: let the engine say so, without adding anyone to the team.
            printSteps(sim.takeover(agentIdFor(wanted), wanted));
            break;
          }
          const who = ensureAgent(wanted);
          if (!who) break;
          const steps = sim.takeover(who.id, who.name);
          if (!steps.some((s) => s.rejected)) {
            agentName = who.name;
            agentId = who.id;
            agentChosen = true;
            // Kept as {"agent": "takeover", "as": NAME}: baton test and the studio replay it.
            recorder.apply({ agent: 'takeover', as: who.name });
          }
          printSteps(steps);
          break;
        }
        case '/say':
          if (!arg) out('Usage: /say TEXT');
          else if (agentCommandProblem()) out(c(33, `  · not done: ${agentCommandProblem()}`));
          else {
            printSteps(sim.agent({ type: 'agent_message', agentId: sim.state.handoff?.agentId ?? agentId, agentName: sim.state.handoff?.agentName ?? agentName, text: arg }));
            recorder.apply({ agent: 'say', text: arg });
          }
          break;
        case '/decline':
        case '/handback':
        case '/close': {
          const problem = agentCommandProblem();
          if (problem) {
            out(c(33, `  · not done: ${problem}`));
            break;
          }
          const who = sim.state.handoff!.agentId ?? agentId;
          const type = cmd === '/decline' ? 'agent_declined' : cmd === '/handback' ? 'agent_handback' : 'agent_closed';
          printSteps(sim.agent({ type, agentId: who }));
          recorder.apply({ agent: cmd === '/decline' ? 'decline' : cmd === '/handback' ? 'handback' : 'close' });
          break;
        }
        case '/online': {
          const names = rest.filter(Boolean);
          if (names.length === 0) {
            out(team ? describeTeam(team) : 'nobody is set online (the engine assumes someone may answer). Usage: /online NAME...');
            break;
          }
          const next = (team ?? []).map((a) => (names.some((n) => findVirtualAgent([a], n)) ? { ...a, status: 'online' as const } : a));
          for (const n of names) if (!findVirtualAgent(next, n)) next.push(virtualAgent({ name: n }));
          setTeam(next);
          out(describeTeam(next));
          break;
        }
        case '/offline': {
          const names = rest.filter(Boolean);
          const next = (team ?? []).map((a) => (names.length === 0 || names.some((n) => findVirtualAgent([a], n)) ? { ...a, status: 'offline' as const } : a));
          setTeam(next);
          out(next.some((a) => a.status === 'online') ? describeTeam(next) : 'nobody is online now: a Human Takeover block will take its "no_agent" exit.');
          break;
        }
        case '/noagent':
          if (agentCommandProblem()) out(c(33, `  · not done: ${agentCommandProblem()}`));
          else {
            printSteps(sim.agent({ type: 'no_agent' }));
            recorder.apply({ noAgent: true });
          }
          break;
        case '/leave':
          printSteps(sim.send({ type: 'customer_left' }));
          recorder.apply({ leave: true });
          break;
        case '/wait': {
          const ms = parseDuration(rest.join(''));
          if (ms === null) out('Usage: /wait DURATION, e.g. /wait 10m, /wait 90s, /wait 1h30m');
          else if (ms > MAX_ADVANCE_MS || sim.now + ms >= MAX_CLOCK) out(`Too long: /wait moves the clock at most ${MAX_ADVANCE_MS / 86_400_000 / 365} years at once, and not past the year 9999.`);
          else {
            printSteps(sim.advance(ms));
            recorder.apply({ wait: rest.join('') });
            out(c(90, `  · clock: ${clock(sim.now)}`));
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
      if (buttons.length && n >= 1 && n <= buttons.length) {
        printSteps(sim.send({ type: 'choice', buttonId: buttons[n - 1].id }));
        recorder.apply({ click: buttons[n - 1].label });
      } else {
        const masked = maskCustomerSecrets(line);
        // Hostile s23 #2: a message over the engine's limit (MAX_CUSTOMER_TEXT) was read cut but saved whole by /save.
        // The bot reads the first 4,000 characters, as in baton simulate (the engine's cut, never inside a surrogate
        // pair); the tester is told, and only what the bot read is sent and recorded. A line holding a secret goes
        // whole to the engine, whose cut never splits a secret (that chat is not saved anyway: secretLines).
        // Session 25 (hostile s24 #12): cut between whole characters (graphemes: an emoji family, a flag, an accented
        // letter), within the engine's limit in UTF-16 units, and counted as a person counts them.
        const sent = line.length > MAX_CUSTOMER_TEXT && masked.hidden.length === 0 ? cutGraphemes(line, MAX_CUSTOMER_TEXT) : line;
        if (line.length > MAX_CUSTOMER_TEXT) out(c(33, cutNotice(line, masked.hidden.length === 0 ? sent : cutUnits(line, MAX_CUSTOMER_TEXT))));
        printSteps(sim.say(sent));
        customerLines++;
        if (masked.hidden.length > 0) secretLines.push(customerLines);
        recorder.apply({ say: sent === line ? masked.text : sent });
      }
    }
    await answerHttp();
    prompt();
  }
  if (options.saveScenario) await save(options.saveScenario);
  out('');
  return 0;
}

/** The conversation id of `baton chat`'s conversation (and of the scenario session that records it). */
const CHAT_CONVERSATION_ID = 'cli';

/**
 * Records the chat as a scenario: every command is also played, as its scenario step, on a scenario session
 * (what `baton test` runs). A scenario is saved only when that session said exactly what the chat said, so a
 * saved scenario always replays the conversation the tester had; otherwise /save says why not.
 */
function scenarioRecorder(flow: Flow, now: number, agents: VirtualAgent[] | undefined) {
  // The chat's own conversation id (session 38): what the engine derives from it (a ticket's number) is said alike, and
  // a scenario that needs it keeps it (recordScenario).
  const session: ScenarioSession = createScenarioSession(flow, { now, httpDefault: 'wait', conversationId: CHAT_CONVERSATION_ID, ...(agents ? { agents } : {}) });
  let diverged: string | null = null;
  return {
    apply(step: ActionStep) {
      if (diverged) return;
      const r = session.apply(step);
      if (!r.ok) diverged = `the step ${JSON.stringify(step)} cannot be replayed (${r.error})`;
    },
    async save(name: string, path: string, chatTranscript: string[]): Promise<{ ok: boolean; message: string }> {
      if (diverged) return { ok: false, message: `this conversation cannot be kept as a scenario: ${diverged}` };
      const replayed = session.sim.transcript.map((t) => t.text);
      const differs = chatTranscript.findIndex((t, i) => replayed[i] !== t);
      if (differs >= 0 || replayed.length !== chatTranscript.length) {
        const i = differs >= 0 ? differs : Math.min(replayed.length, chatTranscript.length);
        return { ok: false, message: `the scenario would not replay this chat (message ${i + 1}: chat ${JSON.stringify(chatTranscript[i] ?? '')}, scenario ${JSON.stringify(replayed[i] ?? '')})` };
      }
      let file: ScenarioFile | null = null;
      const read = await readFileBytes(path, 32 * 1024 * 1024);
      if (read.ok) {
        const parsed = parseScenarioBytes(read.bytes);
        // Never replace a file we cannot read: the scenarios in it would be lost.
        if (!parsed.ok) return { ok: false, message: `${path} is not a valid scenario file (${parsed.problems[0].path}: ${parsed.problems[0].message}); fix it first (baton validate ${path}), nothing was written` };
        file = parsed.file;
      } else if (!/ no such file$/.test(read.message)) return { ok: false, message: read.message };
      const scenario = recordScenario(session, { name });
      // Hostile s17 H#6: an agent's /say or /note holding a card number or password (customer lines are refused above).
      const refusal = secretStepsRefusal(scenario);
      if (refusal) return { ok: false, message: refusal.replace(/^Not saved: /, '') };
      // Agents the file gives every scenario are not repeated in this one (the chat started with them).
      if (scenario.agents && file?.agents && JSON.stringify(scenario.agents) === JSON.stringify(file.agents.map((a) => agentForFile(virtualAgentFrom(a))))) delete scenario.agents;
      const next = upsertScenario(file, flow.id, scenario);
      try {
        await writeFileAtomic(path, formatScenarioFile(next));
      } catch (err) {
        return { ok: false, message: `cannot write ${path}: ${(err as Error).message}` };
      }
      const replaced = file?.scenarios.some((s) => s.name === name);
      return { ok: true, message: `${replaced ? 'replaced' : 'saved'} scenario "${name}" in ${path} (${next.scenarios.length} in the file; run them with baton test)` };
    },
  };
}

/**
 * What the tester is told when a message is longer than the engine keeps (hostile s23 #2), `line` as typed and `kept`
 * what the bot got. Session 25 (hostile s24 #12): characters are counted as a person counts them (graphemes); the limit
 * counts UTF-16 units, in which an emoji is two or more, so a message with such characters says so.
 */
export function cutNotice(line: string, kept: string): string {
  const n = (x: number) => x.toLocaleString('en');
  const chars = graphemeCount(line);
  const keptChars = graphemeCount(kept);
  const units = chars === line.length ? '' : ` units of text (an emoji or an accented letter may count as 2 or more: your message is ${n(line.length)} units)`;
  return `  · your message is ${n(chars)} characters; the bot reads at most ${n(MAX_CUSTOMER_TEXT)}${units} (as baton simulate does; the chat widget and baton serve refuse longer ones): it got the first ${n(keptChars)} characters, the rest was dropped and /save keeps only what it got. Send the rest as another message if it matters.`;
}

/** Latest virtual time the simulator moves to (dates after it cannot be printed). */
const MAX_CLOCK = Date.UTC(9999, 11, 31);

/** "online: Ana, Ben · busy: Chloe" */
function describeTeam(team: readonly VirtualAgent[]): string {
  const by = (status: VirtualAgent['status']) => team.filter((a) => a.status === status).map((a) => a.name);
  const parts = (['online', 'busy', 'offline'] as const).filter((st) => by(st).length).map((st) => `${st}: ${by(st).join(', ')}`);
  return parts.join(' · ') || 'no agents';
}

function clock(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

const ENDING_WORDS: Record<HandoffEnding, string> = { handback: 'handed back to the bot', closed: 'closed by the agent', withdrawn: 'withdrawn by the customer' };

function describeState(sim: ReturnType<typeof createSimulation>): string {
  const s = sim.state;
  const lines = [
    `mode: ${s.mode}   waiting: ${s.waiting ? `${s.waiting.kind} at ${s.waiting.blockId}` : 'nothing'}   clock: ${clock(sim.now)}`,
    `variables: ${JSON.stringify(s.variables)}`,
  ];
  // Session 40 (fixq, hostile s40 L2): how it ended (handed back / closed by the agent / withdrawn), not "resolved" for both.
  const ending = s.handoff ? handoffEnding(s.handoff.status, s.handoff.transitions) : null;
  if (s.handoff) lines.push(`handoff: ${s.handoff.id} ${s.handoff.status}${ending ? ` (${ENDING_WORDS[ending]})` : ''} (${s.handoff.assignation}, reason ${s.handoff.reason}, agent ${s.handoff.agentName ?? '-'})`);
  if (s.timers.length) lines.push(`timers: ${s.timers.map((t) => `${t.purpose} at ${clock(t.at)}`).join(', ')}`);
  // Session 38 (hostile s37 #12): only those online (after /offline everyone was still listed as online).
  const online = sim.agents?.filter((a) => a.status === 'online') ?? [];
  const others = sim.agents?.filter((a) => a.status !== 'online').map((a) => `${a.name} (${a.status})`) ?? [];
  lines.push(`agents online: ${sim.agents === undefined ? 'not set (use /online NAME...)' : online.length ? online.map((a) => a.name).join(', ') : 'nobody'}${others.length ? `; not online: ${others.join(', ')}` : ''}`);
  return lines.join('\n');
}

export function describeEffect(e: Effect): string | null {
  switch (e.type) {
    case 'handoff_request':
      return `handoff requested: ${e.handoff.id} (${e.assignation}, reason ${e.handoff.reason}, priority ${e.priority}${e.autoAssign ? ', auto-assign ' + e.autoAssign.strategy : ''}). Summary for the agent: ${e.context.summary}`;
    case 'handoff_update':
      // Session 43 (policy1, hostile s42 L6): the context made again (a reference typed while waiting).
      if (e.context !== undefined) return `handoff ${e.handoff.id}: what the agent is told is updated. Summary for the agent: ${e.context.summary}`;
      return `handoff ${e.handoff.id} is now ${e.handoff.status}${e.handoff.agentName ? ' (' + e.handoff.agentName + ')' : ''}`;
    case 'relay_to_agent':
      return `relayed to the agent`;
    case 'notify':
      return `${e.channel} to ${e.to.join(', ')}: ${e.subject ? e.subject + ' — ' : ''}${e.text}`;
    case 'set_timer':
      return `timer ${e.timer.purpose} set for ${clock(e.timer.at)}`;
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

/**
 * A live HTTP Request block call from the terminal: the studio's "Call for real" (runtime/studio/simulateHttp.ts),
 * so `{{secrets.NAME}}` is filled from BATON_SECRET_NAME only (never a bare NAME), secret values echoed back are
 * masked, http(s) only, at most 30 s and 1 MB. The caller prints the URL as the flow wrote it (secrets unfilled).
 */
export async function liveHttp(req: HttpEffect, env: NodeJS.ProcessEnv = process.env): Promise<HttpResult & { error?: string }> {
  const r = await simulateHttp(
    { method: req.method, url: req.url, headers: req.headers, body: req.body, bodyFormat: req.bodyFormat, timeoutMs: req.timeoutMs },
    { env, secretWhen: 'before running baton chat', tooLargeAdvice: 'use --http fail, or a test API with a smaller answer' },
  ).catch((err: unknown) => ({ ok: false, status: 0, body: { error: String((err as Error).message) }, ms: 0, error: String((err as Error).message) }));
  return r.error === undefined ? { ok: r.ok, status: r.status, body: r.body } : { ok: false, status: 0, body: r.body, error: r.error };
}
