import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * `tsx bench/profile-top.ts <file.cpuprofile> [rows]`: the top frames of a V8 CPU profile
 * (`node --cpu-prof`) by self time and by inclusive time, and the share of time per
 * package, so a profile reads in a note without a flame-graph viewer.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const frameName = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? relative(process.cwd(), url.replace('file://', '')) : '';
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};
const packageOf = (node: ProfileNode) => {
  const url = node.callFrame.url;
  if (!url) return node.callFrame.functionName || '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return 'node core';
  return 'keeprouter';
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  self.set(frameName(node), (self.get(frameName(node)) ?? 0) + us);
  packages.set(packageOf(node), (packages.get(packageOf(node)) ?? 0) + us);
  // Inclusive: every distinct frame on the stack of this sample gets its time once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = frameName(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ROWS)
    .forEach(([name, us]) =>
      console.log(
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
      ),
    );
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by package', packages);
print('top self time', self);
print('top inclusive time', inclusive);
