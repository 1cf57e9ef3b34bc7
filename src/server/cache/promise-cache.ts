/**
 * Shares one load among everyone who asks for the same key while it is fresh: the first caller
 * starts it, the others await the same promise. Bounded (oldest out first); a failed or empty
 * load is forgotten, so the next caller tries again.
 */
export class PromiseCache<K, V> {
  readonly #entries = new Map<K, { at: number; value: Promise<V | undefined> }>();

  constructor(readonly options: { readonly size: number; readonly ttlMs?: number }) {}

  get(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const entry = this.#entries.get(key);
    if (entry && (this.options.ttlMs === undefined || Date.now() - entry.at < this.options.ttlMs)) return entry.value;
    const value = load();
    if (this.#entries.size >= this.options.size) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { at: Date.now(), value });
    value.then((v) => v === undefined && this.#entries.delete(key), () => this.#entries.delete(key));
    return value;
  }
}
