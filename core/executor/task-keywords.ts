import type { BlockNode, InheritedKeywords, PlayNode, TaskNode } from '../playbook/model.js';

/** A task's keywords after inheritance: play, then each enclosing block, then the task itself. */
export function effectiveKeywords(play: PlayNode | undefined, task: TaskNode): InheritedKeywords {
  const chain: InheritedKeywords[] = [];
  for (let n: TaskNode | BlockNode | undefined = task; n; n = n.parent) chain.unshift(n.keywords);
  const merged: Record<string, unknown> = { ...(play?.keywords ?? {}) };
  for (const k of chain) {
    for (const [key, value] of Object.entries(k)) if (value !== undefined) merged[key] = value;
  }
  return merged as InheritedKeywords;
}

/** Every `when` condition that applies to the task (enclosing blocks' first), all ANDed. */
export function conditionsOf(task: TaskNode): unknown[] {
  const chain: unknown[][] = [];
  for (let n: TaskNode | BlockNode | undefined = task; n; n = n.parent) chain.unshift(n.when);
  return chain.flat();
}

/** Tags of the task including those inherited from blocks, roles and the play. */
export function tagsOf(play: PlayNode | undefined, task: TaskNode): Set<string> {
  const tags = new Set<string>(play?.tags ?? []);
  for (let n: TaskNode | BlockNode | undefined = task; n; n = n.parent) for (const t of n.tags) tags.add(t);
  return tags;
}

/** Ansible's tag selection: --tags / --skip-tags with always, never, tagged, untagged and all. */
export function selectedByTags(tags: Set<string>, only: readonly string[], skip: readonly string[]): boolean {
  const has = (t: string) => tags.has(t);
  if (skip.length) {
    if (skip.includes('all') && !(has('always') && !skip.includes('always'))) return false;
    if (skip.some(has)) return false;
    if (skip.includes('tagged') && tags.size > 0 && !has('always')) return false;
    if (skip.includes('untagged') && tags.size === 0) return false;
  }
  if (has('always') && !skip.includes('always')) return true;
  if (!only.length || only.includes('all')) return !has('never') || only.some(has);
  if (only.some(has)) return true;
  if (only.includes('tagged') && tags.size > 0 && !has('never')) return true;
  if (only.includes('untagged') && tags.size === 0) return true;
  return false;
}

/** The name Ansible shows in banners: `role : name`, or the action when the task is unnamed. */
export function displayName(task: TaskNode): string {
  const base = task.name ?? task.action;
  return task.role ? `${task.role.name} : ${base}` : base;
}
