import type { StatementRef } from '../core/index.js';
import type { AccessDelta, DiffResult, ResourceSet } from './types.js';

const DEFAULT_MAX_DELTAS = 50;

/** Markdown-safe inline code (backticks in ARNs are not expected, but never break the table). */
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

const ref = (r: StatementRef): string =>
  `${r.layer} ${r.policyId}${r.target ? ` @${r.target}` : ''} #${r.statementIndex}${r.sid ? ` (${r.sid})` : ''}`;

const resources = (r: ResourceSet): string =>
  `${r.include.map(code).join(', ')}${r.exclude.length > 0 ? ` except ${r.exclude.map(code).join(', ')}` : ''}`;

const KIND_LABEL: Record<AccessDelta['kind'], string> = { GAINED: '🟢 gained', LOST: '🔴 lost', CHANGED_CONDITIONS: '🟡 conditions changed' };

function deltaSection(d: AccessDelta): string[] {
  const w = d.witness.request;
  const context = Object.keys(w.context).length > 0 ? ` with context ${code(JSON.stringify(w.context))}` : '';
  const lines = [
    `#### ${KIND_LABEL[d.kind]}: ${code(d.principal)}`,
    '',
    `- **Actions:** ${d.actionGroups.flatMap((g) => g.patterns).map(code).join(', ')} (${d.actions.length})`,
    `- **Resources:** ${resources(d.resources)}`,
    `- **Decision:** ${d.before} → ${d.after}`,
    `- **Witness:** ${code(w.action)} on ${code(w.resource)}${context}: ${d.witness.before} → ${d.witness.after}`,
  ];
  for (const [label, list] of [['before', d.conditionsBefore], ['after', d.conditionsAfter]] as const) {
    if (list.length > 0) lines.push(`- **Conditions ${label}:** ${list.map((c) => code(JSON.stringify(c.condition))).join('; ')}`);
  }
  for (const c of d.causes) {
    const refs = [...c.statementsBefore.map((r) => `−${ref(r)}`), ...c.statementsAfter.map((r) => `+${ref(r)}`)];
    lines.push(`- **Cause:** ${c.change.toLowerCase()} ${c.entityKind} ${code(c.entityKey)}${refs.length > 0 ? `: ${refs.join(', ')}` : ''}`);
  }
  lines.push('');
  return lines;
}

/**
 * Renders a diff as a pull-request comment: a summary table per principal, then each delta with its
 * actions, resources, witness request and causes; says so when the deltas are cut at `maxDeltas`.
 * Pure string building.
 */
export function renderDiffMarkdown(result: DiffResult, options: { from: string; to: string; maxDeltas?: number }): string {
  const max = options.maxDeltas ?? DEFAULT_MAX_DELTAS;
  const { deltas, summary } = result;
  const out = [`### Effective access: ${options.from} → ${options.to}`, ''];
  if (deltas.length === 0) {
    out.push('No change in effective access.', '');
    return out.join('\n');
  }
  const total = (k: 'gained' | 'lost' | 'changedConditions') => summary.byPrincipal.reduce((n, c) => n + c[k], 0);
  out.push(`${deltas.length} change(s): ${total('gained')} gained, ${total('lost')} lost, ${total('changedConditions')} with changed conditions.`, '');
  out.push('| Principal | Gained | Lost | Conditions changed |', '|---|---:|---:|---:|');
  for (const c of summary.byPrincipal) out.push(`| ${code(c.key)} | ${c.gained} | ${c.lost} | ${c.changedConditions} |`);
  out.push('');
  for (const d of deltas.slice(0, max)) out.push(...deltaSection(d));
  if (deltas.length > max) out.push(`_Showing ${max} of ${deltas.length} changes; the rest are cut short._`, '');
  return out.join('\n');
}
