// Objects with no Object.prototype in their chain (so `__proto__`, `constructor` or `toString` are plain own
// keys, never inherited ones) that stay fast-mode objects: Object.create(null) makes dictionary-mode objects,
// several times slower to create and read on the decode hot path.
function Bare(): void {}
Bare.prototype = Object.create(null) as object;

export function bareObject<T extends object>(): T {
  return new (Bare as unknown as new () => T)();
}
