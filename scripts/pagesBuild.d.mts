// Types of scripts/pagesBuild.mjs (plain JavaScript shared by `npm start` and the `baton` command).
export type PageName = 'studio' | 'inbox' | 'widget';

export declare function pageIndex(root: string, page: PageName): string;
export declare function missingPages<P extends PageName>(root: string, pages: readonly P[]): P[];
export declare function newestUnder(dir: string): number;
export declare function stalePages<P extends PageName>(root: string, pages: readonly P[]): P[];
export declare function canBuildPages(root: string): boolean;
export declare function runPagesBuild(root: string, o?: { output?: 'stdout' | 'stderr' }): { ok: boolean; detail?: string };
export declare function pagesBuildEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
