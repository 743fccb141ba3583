/**
 * The app runs with Tauri's `app.security.freezePrototype`: before any page script,
 * `Object.freeze(Object.prototype)`, so no library (or injected script) can pollute every
 * object's prototype.
 *
 * A frozen `Object.prototype` also makes its properties read-only for *assignment* on any
 * object that inherits them (the "override mistake"): in strict code, `o.toString = f`
 * throws "Cannot assign to read only property 'toString'" even though `o` itself is not
 * frozen. Several libraries build prototypes exactly so, and Vite bundles them into ES
 * modules, which are strict, so the bundle threw while loading and the window stayed
 * blank. (WebDriver sessions do not apply the freeze, which is why the E2E suite missed
 * it; `frozenPrototype.test.ts` loads the built bundle under a frozen prototype instead.)
 *
 * - dayjs 1.11 (the date library of @mantine/dates): `m.valueOf = …`, `m.toString = …` on
 *   its `Dayjs` prototype (upstream iamkun/dayjs#2773, closed without a merge);
 * - decimal.js-light (recharts' tick arithmetic): `P.toString = P.valueOf = …` on its
 *   prototype, and `x.constructor = Decimal` on every new number;
 * - d3-color and d3-format (recharts' scales): `prototype.constructor = …` and
 *   `FormatSpecifier.prototype.toString = …`.
 *
 * `ownSlots` rewrites those assignments at build time to first give the object its own
 * writable property (`Object.defineProperty`), which the assignment then sets: the same
 * methods, no thrown error, and the freeze stays on. It fails the build when a module's
 * assignments are not found, so an update that changes them cannot slip through
 * unpatched.
 */

/** The modules patched, and the properties each is known to assign. */
const PATCHED: readonly { module: RegExp; name: string; keys: readonly string[] }[] = [
  { module: /[\\/]node_modules[\\/]dayjs[\\/]dayjs\.min\.js$/, name: "dayjs", keys: ["valueOf", "toString"] },
  {
    module: /[\\/]node_modules[\\/]decimal\.js-light[\\/]decimal\.m?js$/,
    name: "decimal.js-light",
    keys: ["toString", "valueOf", "constructor"],
  },
  { module: /[\\/]node_modules[\\/]d3-color[\\/]dist[\\/]d3-color\.mjs$/, name: "d3-color", keys: ["constructor"] },
  { module: /[\\/]node_modules[\\/]d3-format[\\/]dist[\\/]d3-format\.mjs$/, name: "d3-format", keys: ["toString"] },
];

/** `a.b.toString = …` (not `==`): the assigned object and the property. */
const ASSIGNMENT = /(?<![\w$.)\]])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.(valueOf|toString|constructor)\s*=(?!=)/g;
const HELPER = "__frontlineOwnSlot";
const HELPER_SOURCE =
  `function ${HELPER}(o,k){if(!Object.prototype.hasOwnProperty.call(o,k))` +
  `Object.defineProperty(o,k,{value:void 0,writable:!0,configurable:!0,enumerable:!0});return o}\n`;

/**
 * `code` (the module `name`) with its assignments to `keys` made safe; throws when one of
 * `keys` is not assigned anywhere (the library changed: check it still needs the patch).
 */
export function patchOwnSlots(code: string, name: string, keys: readonly string[]): string {
  const found = new Set<string>();
  const patched = code.replace(ASSIGNMENT, (_match, target: string, key: string) => {
    found.add(key);
    return `${HELPER}(${target},"${key}").${key}=`;
  });
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length > 0) {
    throw new Error(
      `frozenPrototype.ts: ${name}'s assignments to ${missing.join(", ")} were not found; ${name} changed, ` +
        "check whether it still needs the patch for Tauri's freezePrototype",
    );
  }
  return HELPER_SOURCE + patched;
}

/**
 * A plugin for Vite's build and for its dev-server dependency optimiser (both run
 * Rolldown, which accepts this shape).
 */
export function ownSlots() {
  return {
    name: "frontline:frozen-prototype-own-slots",
    transform(code: string, id: string) {
      const patch = PATCHED.find((p) => p.module.test(id));
      return patch ? { code: patchOwnSlots(code, patch.name, patch.keys), map: null } : null;
    },
  };
}
