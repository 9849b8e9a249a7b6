import { createHash } from 'node:crypto';
import { stringifySafely } from '../../shared/safeJson';

/** Detects real list changes, so an unchanged tools/list after list_changed fires no event. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(stringifySafely(value) ?? '').digest('base64');
}
