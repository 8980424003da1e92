/** A Map or WeakMap. */
interface KeyedStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value a map holds for `key`, creating and storing it first when absent.
 * The billing and rating loops keep nested caches (subscription → period → rule); this keeps
 * each lookup one readable line without assigning inside an expression.
 */
export function getOrInsert<K, V>(map: KeyedStore<K, V>, key: K, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}
