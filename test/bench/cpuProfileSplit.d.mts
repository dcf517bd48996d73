// Types of test/bench/cpuProfileSplit.mjs (plain JavaScript, also run as a command: node test/bench/cpuProfileSplit.mjs).
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime?: number;
  endTime?: number;
}
export declare function moduleStarts(bundleText: string): Array<[number, string]>;
export declare function sourceAt(starts: Array<[number, string]>, lineNumber: number): string;
export declare const LAYERS: Array<[string, (file: string) => boolean]>;
export declare const STACK_LAYERS: Array<[string, (functionName: string, file: string) => boolean]>;
export declare function layerSplit(
  profile: CpuProfile,
  starts: Array<[number, string]>,
  bundleName: string,
): { samples: number; busy: number; layers: Map<string, number>; selfByFile: Map<string, number> };
