export declare const STAMP_FILE: string;
export declare function sourceFiles(root: string): string[];
export declare function fingerprint(root: string, env?: Record<string, string | undefined>): string;
export type BuildStamp = { fingerprint: string; buildId: string; builtAt?: string };
export declare function decideBuild(state: { buildId: string | null; stamp: Partial<BuildStamp> | null; current: string }): { build: boolean; reason: string };
export declare function checkBuild(root: string, env?: Record<string, string | undefined>): { build: boolean; reason: string; current: string };
export declare function writeStamp(root: string, current: string): void;
