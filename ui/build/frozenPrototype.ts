/**
 * The app runs with Tauri's `app.security.freezePrototype`: before any page script,
 * `Object.freeze(Object.prototype)`, so no library (or injected script) can pollute every
 * object's prototype.
 *
 * A frozen `Object.prototype` also makes its properties read-only for *assignment* on any
 * object that inherits them (the "override mistake"): in strict code, `o.toString = f`
 * throws "Cannot assign to read only property 'toString'" even though `o` itself is not
 * frozen. dayjs 1.11 (the date library of @mantine/dates) builds its `Dayjs` prototype
 * exactly so, `m.valueOf = function…` and `m.toString = function…`. Vite bundles it into
 * an ES module, which is strict, so the bundle threw while loading and the window stayed
 * blank. (WebDriver sessions do not apply the freeze, which is why the E2E suite missed
 * it; `frozenPrototype.test.ts` loads the built bundle under a frozen prototype instead.
 * Upstream: iamkun/dayjs#2773, closed without a merge.)
 *
 * `ownSlotsForDayjs` rewrites those two assignments in dayjs' core at build time to first
 * give the prototype its own writable property (`Object.defineProperty`), which the
 * assignment then sets: the same methods, no thrown error, and the freeze stays on. It
 * fails the build when the assignments are not found, so a dayjs update that changes
 * them cannot slip through unpatched.
 */

/** The module the patch applies to. */
const DAYJS_CORE = /[\\/]node_modules[\\/]dayjs[\\/]dayjs\.min\.js$/;
/** `m.valueOf=function` / `m.toString=function` in the minified core. */
const ASSIGNMENT = /\b([A-Za-z_$][\w$]*)\.(valueOf|toString)=(?=function)/g;
const HELPER = "__frontlineOwnSlot";
const HELPER_SOURCE =
  `function ${HELPER}(o,k){if(!Object.prototype.hasOwnProperty.call(o,k))` +
  `Object.defineProperty(o,k,{value:void 0,writable:!0,configurable:!0,enumerable:!0});return o}\n`;

/** The dayjs core with its assignments to `valueOf` and `toString` made safe. */
export function patchDayjs(code: string): string {
  const found = new Set<string>();
  const patched = code.replace(ASSIGNMENT, (_match, target: string, key: string) => {
    found.add(key);
    return `${HELPER}(${target},"${key}").${key}=`;
  });
  if (!found.has("valueOf") || !found.has("toString")) {
    throw new Error(
      "frozenPrototype.ts: dayjs' `valueOf`/`toString` assignments were not found; dayjs changed, " +
        "check whether it still needs the patch for Tauri's freezePrototype",
    );
  }
  return HELPER_SOURCE + patched;
}

/**
 * A plugin for Vite's build and for its dev-server dependency optimiser (both run
 * Rolldown, which accepts this shape).
 */
export function ownSlotsForDayjs() {
  return {
    name: "frontline:dayjs-frozen-prototype",
    transform(code: string, id: string) {
      return DAYJS_CORE.test(id) ? { code: patchDayjs(code), map: null } : null;
    },
  };
}
