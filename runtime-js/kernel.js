// LavaMoat.Bundler runtime kernel.
//
// This file is one function expression. The .NET bundle writer embeds it verbatim into the runtime prelude
// template (templates/runtime-prelude.js), right after the SES shim, and calls it with the real global object
// and a configuration object produced (and validated) at build time. It never generates code from strings:
// module code arrives as precompiled wrapper functions (templates/module-wrapper.js), so the bundle runs under
// `Content-Security-Policy: script-src 'self'` with no 'unsafe-eval'.
//
// Semantics follow LavaMoat's kernel (lavamoat-core) unless a comment says otherwise.
(function lavamoatBundlerKernel(globalRef, config) {
  'use strict';

  // Captured before lockdown and before scuttling: nothing below may read the real global again, because
  // scuttling turns its properties into throwing accessors and page scripts may replace them.
  const {
    Object: ObjectCtor,
    Reflect: ReflectObj,
    Proxy: ProxyCtor,
    Map: MapCtor,
    Set: SetCtor,
    WeakMap: WeakMapCtor,
    WeakSet: WeakSetCtor,
    Error: ErrorCtor,
    TypeError: TypeErrorCtor,
    ReferenceError: ReferenceErrorCtor,
    RegExp: RegExpCtor,
    String: StringCtor,
    Array: ArrayCtor,
    JSON: JSONObj,
    Promise: PromiseCtor,
    Symbol: SymbolCtor,
    Math: realMath,
    Date: realDate,
    lockdown,
  } = globalRef;
  const {
    create,
    defineProperty,
    freeze,
    getOwnPropertyDescriptor,
    getOwnPropertyDescriptors,
    getOwnPropertyNames,
    getPrototypeOf,
    prototype: objectPrototype,
  } = ObjectCtor;
  const { apply, construct, ownKeys } = ReflectObj;
  const { preventExtensions } = ObjectCtor;
  const promiseResolve = (value) => apply(PromiseCtor.resolve, PromiseCtor, [value]);
  const promiseReject = (reason) => apply(PromiseCtor.reject, PromiseCtor, [reason]);
  const promiseAll = (values) => apply(PromiseCtor.all, PromiseCtor, [values]);
  const promiseThen = (promise, onFulfilled, onRejected) => apply(PromiseCtor.prototype.then, promise, [onFulfilled, onRejected]);
  const toStringTag = SymbolCtor.toStringTag;
  const hasOwn = (obj, key) => apply(ObjectCtor.prototype.hasOwnProperty, obj, [key]);
  const arrayIncludes = (arr, item) => apply(ArrayCtor.prototype.includes, arr, [item]);
  const realConsole = globalRef.console;
  const realPerformance = globalRef.performance;

  const apiName = config.apiName;
  const debugMode = config.debugMode === true;
  const statsMode = config.statsMode === true;

  if (typeof lockdown !== 'function' || typeof globalRef.Compartment !== 'function') {
    throw TypeErrorCtor('LavaMoat - the SES shim must run before the runtime kernel');
  }
  if (hasOwn(globalRef, apiName)) {
    throw TypeErrorCtor(`LavaMoat - the runtime is already loaded on this page ("${apiName}" exists)`);
  }

  const warn = (...args) => {
    if (realConsole && typeof realConsole.warn === 'function') apply(realConsole.warn, realConsole, args);
  };
  const logError = (...args) => {
    if (realConsole && typeof realConsole.error === 'function') apply(realConsole.error, realConsole, args);
  };
  const now = () =>
    realPerformance && typeof realPerformance.now === 'function'
      ? apply(realPerformance.now, realPerformance, [])
      : realDate.now();

  // 1. Lockdown, before anything else that could observe unfrozen intrinsics.
  lockdown(config.lockdown);
  // Both come from lockdown: it installs harden and replaces the Compartment constructor with one whose
  // compartments share the hardened intrinsics (the pre-lockdown constructor makes globals without harden).
  const { harden, Compartment } = globalRef;

  // Names that always resolve to the compartment global itself (LavaMoat's globalThisRefs).
  const globalAliases = freeze(['window', 'self', 'global', 'globalThis', 'top', 'frames', 'parent']);

  // 2. The scope terminator: the outer `with` object of every module wrapper. It claims every identifier, so a
  // free name that the compartment global does not have stops here and never reaches the real global scope.
  // That also hides other scripts' global let/const/class bindings, which LavaMoat's terminator (it answers
  // `has` with `name in realGlobal`) lets through. Reads give undefined (so `typeof x` feature tests keep
  // working); assignments throw, as strict code assigning an undeclared name would.
  const unexpectedTrap = (name) =>
    function () {
      throw TypeErrorCtor(`LavaMoat - unexpected scope terminator trap: ${name}`);
    };
  const scopeTerminator = new ProxyCtor(
    freeze(create(null)),
    freeze({
      has: () => true,
      get: () => undefined,
      set: (_target, name) => {
        throw ReferenceErrorCtor(`${StringCtor(name)} is not defined`);
      },
      getPrototypeOf: () => null,
      setPrototypeOf: unexpectedTrap('setPrototypeOf'),
      isExtensible: unexpectedTrap('isExtensible'),
      preventExtensions: unexpectedTrap('preventExtensions'),
      getOwnPropertyDescriptor: () => undefined,
      defineProperty: unexpectedTrap('defineProperty'),
      deleteProperty: unexpectedTrap('deleteProperty'),
      ownKeys: () => [],
      apply: unexpectedTrap('apply'),
      construct: unexpectedTrap('construct'),
    }),
  );

  // Wrappers made for real functions, so a wrapper can be traced back to what it wraps (a package endowment is
  // built from the original, not from the root compartment's wrapper of it).
  const originalOf = new WeakMapCtor();
  // Objects the kernel made as minimal views; a longer policy path walks into them instead of replacing them.
  const containers = new WeakSetCtor();

  const copyFunctionShape = (wrapper, fn) => {
    // Statics (Uint8Array.from, Promise.resolve...), name, length and prototype, so `instanceof` and
    // feature tests behave as on the original.
    const descs = getOwnPropertyDescriptors(fn);
    for (const key of ownKeys(descs)) {
      if (key === 'arguments' || key === 'caller') continue;
      const desc = descs[key];
      if (key === 'prototype') {
        const own = getOwnPropertyDescriptor(wrapper, 'prototype');
        if (own && own.writable) wrapper.prototype = desc.value;
        continue;
      }
      const own = getOwnPropertyDescriptor(wrapper, key);
      if (own && !own.configurable) continue;
      defineProperty(wrapper, key, desc);
    }
  };

  // A function that calls `fn` with its original receiver when called on one of the objects the kernel put in
  // its place (a minimal view, a compartment global); `new` is forwarded.
  const wrapFunction = (fn, realReceiver, standIns) => {
    const wrapper = function () {
      if (new.target !== undefined) return construct(fn, arguments, new.target);
      const receiver = arrayIncludes(standIns, this) ? realReceiver : this;
      return apply(fn, receiver, arguments);
    };
    copyFunctionShape(wrapper, fn);
    originalOf.set(wrapper, fn);
    return wrapper;
  };

  const wrapAccessor = (desc, realReceiver, standIns) => {
    const { get, set } = desc;
    return {
      get:
        get &&
        function () {
          return apply(get, arrayIncludes(standIns, this) ? realReceiver : this, []);
        },
      set:
        set &&
        function (value) {
          apply(set, arrayIncludes(standIns, this) ? realReceiver : this, [value]);
        },
      enumerable: desc.enumerable,
      configurable: true,
    };
  };

  // The descriptor as the property would be seen on a stand-in for `realReceiver`.
  const forwardDescriptor = (desc, realReceiver, standIns) => {
    if (!hasOwn(desc, 'value')) return wrapAccessor(desc, realReceiver, standIns);
    let { value } = desc;
    if (typeof value === 'function') {
      const original = originalOf.get(value);
      value = wrapFunction(original || value, realReceiver, standIns);
    }
    return { value, writable: desc.writable, enumerable: desc.enumerable, configurable: true };
  };

  const getPropertyDescriptorDeep = (obj, key) => {
    for (let o = obj; o !== null && o !== undefined; o = getPrototypeOf(o)) {
      const desc = getOwnPropertyDescriptor(o, key);
      if (desc) return desc;
    }
    return undefined;
  };

  const newCompartmentGlobal = () =>
    new Compartment({ __options__: true, globals: { Math: realMath, Date: realDate } }).globalThis;

  const defineAliases = (compartmentGlobal) => {
    for (const alias of globalAliases) {
      defineProperty(compartmentGlobal, alias, {
        value: compartmentGlobal,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  };

  // 3. The root compartment: a wrapped copy of everything on the real global and its prototype chain (not
  // Object.prototype, not what the compartment global already has), taken before scuttling.
  const rootGlobal = newCompartmentGlobal();
  // Root properties holding functions are wrapped on first use: a browser window has about a thousand (mostly
  // DOM constructors), and wrapping them all up front costs as much as lockdown itself. The original is
  // captured now, so scuttling later changes nothing.
  const lazyRootKeys = new SetCtor();
  {
    const rootStandIns = freeze([rootGlobal]);
    const defineLazyFunction = (key, desc) => {
      const original = desc.value;
      const settle = (value) =>
        defineProperty(rootGlobal, key, { value, writable: desc.writable, enumerable: desc.enumerable, configurable: true });
      defineProperty(rootGlobal, key, {
        get() {
          const wrapper = wrapFunction(original, globalRef, rootStandIns);
          settle(wrapper);
          return wrapper;
        },
        set(value) {
          if (!desc.writable) throw TypeErrorCtor(`Cannot assign to read only property '${key}'`);
          settle(value);
        },
        enumerable: desc.enumerable,
        configurable: true,
      });
      lazyRootKeys.add(key);
    };
    for (let o = globalRef; o !== null && o !== objectPrototype; o = getPrototypeOf(o)) {
      for (const key of getOwnPropertyNames(o)) {
        if (key in rootGlobal || arrayIncludes(globalAliases, key)) continue;
        const desc = getOwnPropertyDescriptor(o, key);
        try {
          if (hasOwn(desc, 'value') && typeof desc.value === 'function') defineLazyFunction(key, desc);
          else defineProperty(rootGlobal, key, forwardDescriptor(desc, globalRef, rootStandIns));
        } catch (error) {
          warn(`LavaMoat - could not copy global "${key}" into the root compartment`, error);
        }
      }
    }
    defineAliases(rootGlobal);
  }
  // Turns a lazily wrapped root function into its data property, so endowments see the real shape.
  const settleRootKey = (key) => {
    if (!lazyRootKeys.has(key)) return;
    lazyRootKeys.delete(key);
    const desc = getOwnPropertyDescriptor(rootGlobal, key);
    if (desc && desc.get) apply(desc.get, rootGlobal, []);
  };

  // 4. Scuttling (opt-in): the real global's remaining properties become throwing accessors, so code that
  // reaches the real window (e.g. through a DOM node's ownerDocument.defaultView) finds nothing useful.
  const scuttle = (options) => {
    const exceptions = [];
    for (const exception of options.exceptions || []) {
      const match = /^\/(.*)\/([a-z]*)$/s.exec(exception);
      exceptions.push(match ? new RegExpCtor(match[1], match[2]) : exception);
    }
    const isException = (name) => {
      for (const exception of exceptions) {
        if (typeof exception === 'string' ? exception === name : exception.test(name)) return true;
      }
      return false;
    };
    // Shared intrinsics are frozen by lockdown and harmless; they stay.
    const intrinsicsGlobal = new Compartment().globalThis;
    const keep = ['Compartment', 'Error', 'globalThis', 'lockdown', 'harden', apiName];
    const names = new SetCtor();
    for (let o = globalRef; o !== null && o !== objectPrototype; o = getPrototypeOf(o)) {
      for (const name of getOwnPropertyNames(o)) names.add(name);
    }
    for (const name of names) {
      if (arrayIncludes(keep, name) || isException(name)) continue;
      const own = getOwnPropertyDescriptor(globalRef, name);
      if (own && hasOwn(own, 'value') && hasOwn(intrinsicsGlobal, name) && intrinsicsGlobal[name] === own.value) {
        continue;
      }
      if (own && !own.configurable) continue; // [LegacyUnforgeable] (window, document, location, top): cannot
      try {
        defineProperty(globalRef, name, {
          get() {
            throw TypeErrorCtor(`LavaMoat - property "${name}" of globalThis is inaccessible under scuttling mode`);
          },
          set() {
            warn(`LavaMoat - property "${name}" of globalThis is inaccessible under scuttling mode`);
          },
          enumerable: false,
          configurable: false,
        });
      } catch (error) {
        warn(`LavaMoat - could not scuttle "${name}"`, error);
      }
    }
  };

  // Policy, modules, compartments.
  const policyResources = new MapCtor(); // package name -> frozen resource policy
  const modules = new MapCtor(); // id -> module record
  const moduleCache = new MapCtor(); // id -> module object ({ exports })
  const packages = new MapCtor(); // package name -> { compartmentGlobal, evalKit }
  const globalStore = new MapCtor(); // values written under "write" permissions, shared by all packages
  const statsRoots = [];
  const statsStack = [];

  const policyValues = [true, false, 'write'];
  const validatePackagePolicy = (name, resource) => {
    if (resource === null || typeof resource !== 'object') {
      throw TypeErrorCtor(`LavaMoat - invalid policy for package "${name}"`);
    }
    const globals = resource.globals || {};
    for (const path of ownKeys(globals)) {
      if (typeof path !== 'string' || arrayIncludes(path.split('.'), '__proto__')) {
        throw TypeErrorCtor(`LavaMoat - "__proto__" is not allowed in a policy path: package "${name}", "${StringCtor(path)}"`);
      }
      if (!arrayIncludes(policyValues, globals[path])) {
        throw TypeErrorCtor(`LavaMoat - unrecognizable policy value for "${path}" in package "${name}"`);
      }
    }
    const pkgs = resource.packages || {};
    for (const dep of ownKeys(pkgs)) {
      if (typeof pkgs[dep] !== 'boolean') {
        throw TypeErrorCtor(`LavaMoat - unrecognizable policy value for package "${StringCtor(dep)}" in package "${name}"`);
      }
    }
  };

  const samePolicy = (a, b) => JSONObj.stringify(a) === JSONObj.stringify(b);

  const loadPolicy = (policy) => {
    if (policy === undefined || policy === null) return;
    const resources = policy.resources || {};
    // Validate everything first, so a bad policy changes nothing.
    const incoming = [];
    for (const name of getOwnPropertyNames(resources)) {
      const resource = JSONObj.parse(JSONObj.stringify(resources[name]));
      validatePackagePolicy(name, resource);
      const existing = policyResources.get(name);
      if (existing !== undefined && !samePolicy(existing, resource)) {
        // A later bundle must not widen (or change) what a package already runs with.
        throw TypeErrorCtor(`LavaMoat - conflicting policy for package "${name}" in a later bundle`);
      }
      incoming.push([name, resource]);
    }
    for (const [name, resource] of incoming) policyResources.set(name, harden(resource));
    if (debugMode) warn(`LavaMoat - loaded policy for ${incoming.length} package(s)`);
  };

  // Endowments: a minimal view of the root global for one package policy.
  const makeEndowments = (name, globalsPolicy, compartmentGlobal) => {
    const reads = [];
    const banned = [];
    const writes = [];
    for (const path of getOwnPropertyNames(globalsPolicy)) {
      const value = globalsPolicy[path];
      if (value === false) banned.push(path);
      else if (value === 'write' && path.includes('.')) reads.push(path); // nested writes: read access (as LavaMoat)
      else if (value === 'write') writes.push(path);
      else reads.push(path);
    }
    reads.sort((a, b) => a.split('.').length - b.split('.').length);
    const bannedUnder = (path) => {
      const prefix = `${path}.`;
      return banned.filter((b) => b.startsWith(prefix)).map((b) => b.slice(prefix.length));
    };

    // A view of `real` without the `hidden` paths (relative to it). Built only when a policy bans something
    // inside a granted object: LavaMoat ignores such bans (`"a": true, "a.b": false` exposes a.b); we honour them.
    const makeView = (real, hidden) => {
      const view = create(getPrototypeOf(real) === null ? null : objectPrototype);
      containers.add(view);
      const standIns = freeze([view]);
      const seen = new SetCtor();
      for (let o = real; o !== null && o !== objectPrototype; o = getPrototypeOf(o)) {
        for (const key of ownKeys(o)) {
          if (seen.has(key)) continue;
          seen.add(key);
          if (typeof key === 'string' && arrayIncludes(hidden, key)) continue;
          const desc = getOwnPropertyDescriptor(o, key);
          const deeper = typeof key === 'string' ? hidden.filter((h) => h.startsWith(`${key}.`)) : [];
          if (deeper.length > 0 && hasOwn(desc, 'value') && desc.value !== null && typeof desc.value === 'object') {
            const inner = makeView(desc.value, deeper.map((h) => h.slice(key.length + 1)));
            defineProperty(view, key, { value: inner, writable: desc.writable, enumerable: desc.enumerable, configurable: true });
          } else {
            defineProperty(view, key, forwardDescriptor(desc, real, standIns));
          }
        }
      }
      return view;
    };

    const endowments = create(null);
    containers.add(endowments);
    for (const path of reads) {
      const segments = path.split('.');
      // The aliases always are the compartment global itself; "Function" stays the compartment's own.
      if (arrayIncludes(globalAliases, segments[0]) || segments[0] === 'Function') continue;
      let source = rootGlobal; // the root compartment's view survives scuttling
      let sourceReceiver = globalRef;
      let target = endowments;
      let standIns = freeze([endowments, compartmentGlobal]);
      for (let i = 0; i < segments.length; i += 1) {
        const key = segments[i];
        const subPath = segments.slice(0, i + 1).join('.');
        const isLeaf = i === segments.length - 1;
        const existing = getOwnPropertyDescriptor(target, key);
        if (existing !== undefined && !(hasOwn(existing, 'value') && containers.has(existing.value))) break; // granted whole
        if (arrayIncludes(banned, subPath) && isLeaf) break;
        if (source === rootGlobal) settleRootKey(key);
        const desc = getPropertyDescriptorDeep(source, key);
        if (desc === undefined) break; // nothing to grant (LavaMoat also skips missing paths)
        const value = hasOwn(desc, 'value') ? desc.value : desc.get ? apply(desc.get, source, []) : undefined;
        if (!isLeaf) {
          if (!hasOwn(target, key)) {
            const container = create(objectPrototype);
            containers.add(container);
            defineProperty(target, key, {
              value: container,
              writable: true,
              enumerable: true,
              configurable: true,
            });
          }
          target = target[key];
          source = value;
          sourceReceiver = value;
          standIns = freeze([target]);
          if (source === null || (typeof source !== 'object' && typeof source !== 'function')) break;
          continue;
        }
        const hidden = bannedUnder(path);
        if (hidden.length > 0 && value !== null && (typeof value === 'object' || typeof value === 'function')) {
          defineProperty(target, key, { value: makeView(value, hidden), writable: true, enumerable: true, configurable: true });
        } else if (source === rootGlobal && hasOwn(desc, 'get')) {
          // Root accessors already forward to the real global; forward to them with the root as receiver.
          defineProperty(target, key, forwardDescriptor(desc, rootGlobal, standIns));
        } else {
          defineProperty(target, key, forwardDescriptor(desc, sourceReceiver, standIns));
        }
      }
    }

    // Top-level names on the compartment global: reads see what a "write" package stored, else the endowment;
    // LavaMoat ignores (and warns about) writes to read-only globals.
    const topLevel = new SetCtor();
    for (const path of reads) topLevel.add(path.split('.')[0]);
    const writeKeys = new SetCtor();
    for (const path of writes) {
      const key = path.split('.')[0];
      if (!arrayIncludes(globalAliases, key) && key !== 'Function') writeKeys.add(key);
    }
    for (const key of topLevel) {
      if (writeKeys.has(key) || !hasOwn(endowments, key)) continue;
      defineProperty(compartmentGlobal, key, {
        get: () => (globalStore.has(key) ? globalStore.get(key) : endowments[key]),
        set: () => warn(`LavaMoat - ignoring write attempt to read-access global "${key}" from package "${name}"`),
        enumerable: true,
        configurable: false,
      });
    }
    // "write": a slot shared by every package holding the name; it starts with the real global's value (read
    // through the root view) and assignments never reach the real global. LavaMoat starts it as undefined.
    for (const key of writeKeys) {
      defineProperty(compartmentGlobal, key, {
        get: () => (globalStore.has(key) ? globalStore.get(key) : hasOwn(endowments, key) ? endowments[key] : rootGlobal[key]),
        set: (value) => {
          globalStore.set(key, value);
        },
        enumerable: true,
        configurable: false,
      });
    }
  };

  const getPackage = (name) => {
    let pkg = packages.get(name);
    if (pkg !== undefined) return pkg;
    let compartmentGlobal;
    if (name === '$root$') {
      compartmentGlobal = rootGlobal;
    } else {
      compartmentGlobal = newCompartmentGlobal();
      const resource = policyResources.get(name) || {};
      try {
        makeEndowments(name, resource.globals || {}, compartmentGlobal);
        defineAliases(compartmentGlobal);
      } catch (error) {
        throw TypeErrorCtor(`LavaMoat - failed to prepare endowments for package "${name}": ${error && error.message}`);
      }
    }
    pkg = freeze({
      name,
      compartmentGlobal,
      evalKit: freeze({ scopeTerminator, globalThis: compartmentGlobal }),
    });
    packages.set(name, pkg);
    return pkg;
  };

  const isAllowed = (parentPackage, childPackage) => {
    // '$empty$' holds the code-less stand-ins (browser: false, a Node builtin without polyfill): nothing to protect.
    if (parentPackage === '$root$' || parentPackage === childPackage || childPackage === '$empty$') return true;
    const resource = policyResources.get(parentPackage);
    return resource !== undefined && resource.packages !== undefined && resource.packages[childPackage] === true;
  };

  // The module that `parent` names as `specifier`, after the policy check: a denied package's code never runs.
  const resolveDependency = (parent, specifier) => {
    // Coerced once: a specifier object whose toString changes between calls cannot pass the check with one
    // name and load another.
    const requested = StringCtor(specifier);
    if (!hasOwn(parent.deps, requested)) {
      const where = debugMode ? ` (from "${parent.file}")` : '';
      throw ErrorCtor(`LavaMoat - Cannot find module "${requested}" required by package "${parent.package}"${where}`);
    }
    const childId = parent.deps[requested];
    const child = modules.get(childId);
    if (child === undefined) {
      throw ErrorCtor(`LavaMoat - module ${childId} ("${requested}") is not in any loaded bundle`);
    }
    if (!isAllowed(parent.package, child.package)) {
      const error = ErrorCtor(
        `LavaMoat - required package not in allowlist: package "${parent.package}" requested "${child.package}" as "${requested}"`,
      );
      if (debugMode) logError(`${error.message} (in "${parent.file}")`);
      throw error;
    }
    return child;
  };

  const makeRequire = (parent) => {
    const require = (specifier) => {
      const child = resolveDependency(parent, specifier);
      if (!child.esm) return loadModule(child.id).exports;
      // require() of an ES module gives its namespace (as Node 22+ does), once it has run.
      if (evaluateEsModule(child.id) !== undefined) {
        throw ErrorCtor(`LavaMoat - cannot require() "${StringCtor(specifier)}": it is an ES module that uses top-level await (use import())`);
      }
      return esmState(child.id).namespace;
    };
    return freeze(require);
  };

  // ---- ES modules ----
  // The transform turns each ES module into a function of one helper object (`$lmb` in the code); its header
  // asks the helper for its dependencies' binding sources (n), defines its namespace getters (x), then runs
  // its dependencies in source order (e) before its own body. Imported names are rewritten at build time to
  // member reads of the binding sources, so bindings stay live and cycles see hoisted functions.
  const esmStates = new MapCtor(); // id -> { status, namespace, promise, error }
  const cjsCells = new MapCtor(); // id -> interop cell of a CommonJS module imported by an ES module

  const newNamespace = () => {
    const namespace = create(null);
    defineProperty(namespace, toStringTag, { value: 'Module', writable: false, enumerable: false, configurable: false });
    return namespace;
  };

  const esmState = (id) => {
    let state = esmStates.get(id);
    if (state === undefined) {
      state = { status: 'new', namespace: newNamespace(), promise: undefined, error: undefined };
      esmStates.set(id, state);
    }
    return state;
  };

  const sealNamespace = (namespace) => {
    preventExtensions(namespace);
    harden(namespace);
  };

  const exportsOf = (id) => {
    const module = moduleCache.get(id);
    return module === undefined ? undefined : module.exports;
  };

  const isObjectLike = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // What an ES module sees of a CommonJS module: `e` is module.exports (named imports are property reads of
  // it), `d` the default import (module.exports, or its `default` when it says __esModule), `ns` a namespace
  // object (made on first use, after the module ran) for `import * as` and import().
  const cjsCell = (id) => {
    let cell = cjsCells.get(id);
    if (cell !== undefined) return cell;
    let namespace;
    const defaultOf = () => {
      const exports = exportsOf(id);
      return isObjectLike(exports) && exports.__esModule ? exports.default : exports;
    };
    cell = harden({
      get e() {
        return exportsOf(id);
      },
      get d() {
        return defaultOf();
      },
      get ns() {
        if (namespace !== undefined) return namespace;
        namespace = newNamespace();
        const exports = exportsOf(id);
        const keys = [];
        if (isObjectLike(exports)) {
          for (const key of ownKeys(exports)) {
            if (typeof key !== 'string' || key === 'default') continue;
            const desc = getOwnPropertyDescriptor(exports, key);
            if (desc && desc.enumerable) keys.push(key);
          }
        }
        keys.push('default');
        keys.sort();
        for (const key of keys) {
          const get = key === 'default' ? defaultOf : () => exportsOf(id)[key];
          defineProperty(namespace, key, { get, set: undefined, enumerable: true, configurable: false });
        }
        sealNamespace(namespace);
        return namespace;
      },
    });
    cjsCells.set(id, cell);
    return cell;
  };

  const bindingSource = (child) => (child.esm ? esmState(child.id).namespace : cjsCell(child.id));
  const namespaceOf = (child) => (child.esm ? esmState(child.id).namespace : cjsCell(child.id).ns);

  // Runs a module for an ES module importer or import(): an ES module once (its state tells a cycle, which
  // returns at once as ESM does, from a finished or failed run), a CommonJS module through the cache.
  // Returns a promise while an async module (top-level await, or an async dependency) is still running.
  const evaluate = (child) => {
    if (!child.esm) {
      loadModule(child.id);
      return undefined;
    }
    return evaluateEsModule(child.id);
  };

  const makeHelper = (record, state) => {
    const namespace = state.namespace;
    let meta;
    let cjsStars;
    const helper = {
      n: (specifier) => bindingSource(resolveDependency(record, specifier)),
      x: (getters, starsFromCommonJs, anonymousDefault) => {
        const keys = ownKeys(getters).filter((key) => typeof key === 'string');
        keys.sort();
        // With `export *` from CommonJS, names arrive after the dependencies ran; the properties stay
        // configurable until then so all of them can be laid out again in sorted order (ECMA-262 orders a
        // namespace's keys).
        const pending = starsFromCommonJs !== undefined && starsFromCommonJs.length > 0;
        for (const key of keys) {
          defineProperty(namespace, key, { get: getters[key], set: undefined, enumerable: true, configurable: pending });
        }
        if (typeof anonymousDefault === 'function') {
          defineProperty(anonymousDefault, 'name', { value: 'default', writable: false, enumerable: false, configurable: true });
        }
        if (starsFromCommonJs && starsFromCommonJs.length > 0) cjsStars = starsFromCommonJs;
        else sealNamespace(namespace);
      },
      e: (specifiers) => {
        const pending = [];
        for (const specifier of specifiers) {
          const result = evaluate(resolveDependency(record, specifier));
          if (result !== undefined) pending.push(result);
        }
        const finish = () => {
          if (cjsStars === undefined) return;
          // `export * from` a CommonJS module: its names are known only now that it ran.
          const getters = create(null);
          for (const key of ownKeys(namespace)) {
            if (typeof key === 'string') getters[key] = getOwnPropertyDescriptor(namespace, key).get;
          }
          for (const specifier of cjsStars) {
            const child = resolveDependency(record, specifier);
            const exports = exportsOf(child.id);
            if (!isObjectLike(exports)) continue;
            for (const key of ownKeys(exports)) {
              if (typeof key !== 'string' || key === 'default' || hasOwn(getters, key)) continue;
              const desc = getOwnPropertyDescriptor(exports, key);
              if (desc && desc.enumerable) getters[key] = () => exportsOf(child.id)[key];
            }
          }
          const keys = ownKeys(getters);
          keys.sort();
          for (const key of keys) delete namespace[key];
          for (const key of keys) {
            defineProperty(namespace, key, { get: getters[key], set: undefined, enumerable: true, configurable: false });
          }
          cjsStars = undefined;
          sealNamespace(namespace);
        };
        if (pending.length === 0) {
          finish();
          return undefined;
        }
        return promiseThen(promiseAll(pending), finish);
      },
      import: (specifier) => dynamicImport(record, specifier),
      u: (specifier) => {
        let text;
        try {
          text = StringCtor(specifier);
        } catch {
          text = '(unprintable)';
        }
        return promiseReject(
          ErrorCtor(`LavaMoat - import() of "${text}" from "${record.file}": only import() with a string literal can load a bundled module`),
        );
      },
      get meta() {
        if (meta === undefined) meta = create(null);
        return meta;
      },
    };
    return freeze(helper);
  };

  // import(): a promise of the namespace. The policy is checked now; the module runs in a later job, as a
  // native import() would.
  const dynamicImport = (parent, specifier) => {
    let child;
    try {
      child = resolveDependency(parent, specifier);
    } catch (error) {
      return promiseReject(error);
    }
    return promiseThen(promiseResolve(undefined), () => {
      const result = evaluate(child);
      return result === undefined ? namespaceOf(child) : promiseThen(result, () => namespaceOf(child));
    });
  };

  const evaluateEsModule = (id) => {
    const state = esmState(id);
    if (state.status === 'evaluated') return undefined;
    if (state.status === 'evaluating') return state.promise;
    if (state.status === 'errored') throw state.error;
    const record = modules.get(id);
    if (record === undefined) throw ErrorCtor(`LavaMoat - module ${id} is not in any loaded bundle`);
    state.status = 'evaluating';
    const fail = (error) => {
      state.status = 'errored';
      state.error = error;
      if (debugMode) {
        logError(`LavaMoat - Error evaluating module ${id} "${record.file}" of package "${record.package}":`, error);
      }
    };
    const frame = enterStats(record);
    try {
      const pkg = getPackage(record.package);
      const initializer = apply(record.wrapper, pkg.evalKit, [])();
      const result = apply(initializer, undefined, [makeHelper(record, state)]);
      if (record.async) {
        state.promise = promiseThen(
          result,
          () => {
            state.status = 'evaluated';
          },
          (error) => {
            fail(error);
            throw error;
          },
        );
        return state.promise;
      }
      state.status = 'evaluated';
      return undefined;
    } catch (error) {
      fail(error);
      throw error;
    } finally {
      leaveStats(frame);
    }
  };

  const runInitializer = (record, module) => {
    const pkg = getPackage(record.package);
    const initializer = apply(record.wrapper, pkg.evalKit, [])();
    const args = [makeRequire(record), module, module.exports];
    // A fourth parameter serves import() in CommonJS code; the transform declares it only where it is used.
    if (initializer.length > 3) args.push(makeHelper(record, esmState(record.id)));
    apply(initializer, module.exports, args);
  };

  const enterStats = (record) => {
    if (!statsMode) return undefined;
    const frame = { id: record.id, package: record.package, file: record.file, start: now(), end: 0, children: [] };
    (statsStack.length > 0 ? statsStack[statsStack.length - 1].children : statsRoots).push(frame);
    statsStack.push(frame);
    return frame;
  };

  const leaveStats = (frame) => {
    if (frame === undefined) return;
    frame.end = now();
    statsStack.pop();
  };

  const loadModule = (id) => {
    const cached = moduleCache.get(id);
    if (cached !== undefined) return cached;
    const record = modules.get(id);
    if (record === undefined) throw ErrorCtor(`LavaMoat - module ${id} is not in any loaded bundle`);
    // Cached before it runs, so a cycle gets the partial exports (CommonJS semantics).
    if (record.esm) {
      // An ES module reached by id (an entry, runModule): run it and hand out its namespace.
      const result = evaluateEsModule(id);
      return { exports: esmState(id).namespace, done: result };
    }
    const module = { exports: {} };
    moduleCache.set(id, module);
    const frame = enterStats(record);
    try {
      runInitializer(record, module);
    } catch (error) {
      moduleCache.delete(id);
      if (debugMode) {
        logError(`LavaMoat - Error evaluating module ${id} "${record.file}" of package "${record.package}":`, error);
      }
      throw error;
    } finally {
      leaveStats(frame);
    }
    return module;
  };

  const registerModules = (moduleTable) => {
    const incoming = [];
    for (const entry of moduleTable) {
      const [id, deps, wrapper, meta] = entry;
      if (typeof wrapper !== 'function') throw TypeErrorCtor(`LavaMoat - module ${id} has no initializer`);
      const existing = modules.get(id);
      if (existing !== undefined) {
        if (existing.package === meta.package && existing.file === meta.file) continue;
        throw TypeErrorCtor(`LavaMoat - module id ${id} is already used by another bundle`);
      }
      incoming.push(
        freeze({
          id,
          deps: freeze({ __proto__: null, ...deps }),
          wrapper,
          package: meta.package,
          file: meta.file,
          esm: meta.esm === true,
          async: meta.async === true,
        }),
      );
    }
    for (const record of incoming) modules.set(record.id, record);
  };

  const loadBundle = (moduleTable, entryIds, policy) => {
    loadPolicy(policy);
    registerModules(moduleTable);
    // Entries run in order; an async entry (top-level await) delays the ones after it, as a chain of
    // <script type=module> tags would. The result is the first entry's exports (or namespace), or a promise of
    // it when some entry is async.
    let first;
    for (let i = 0; i < entryIds.length; i += 1) {
      const loaded = loadModule(entryIds[i]);
      if (loaded.done !== undefined) {
        const rest = entryIds.slice(i + 1);
        const head = i === 0 ? loaded.exports : first;
        return promiseThen(loaded.done, () => {
          for (const id of rest) loadModule(id);
          return head;
        });
      }
      if (i === 0) first = loaded.exports;
    }
    return first;
  };

  const copyStats = (frames) =>
    frames.map((f) => ({ id: f.id, package: f.package, file: f.file, start: f.start, end: f.end, children: copyStats(f.children) }));

  const api = {
    loadBundle,
    loadPolicy,
    runModule: (id) => loadModule(id).exports,
  };
  if (statsMode) {
    // Per-module initialisation times, as a tree (a module's children are the modules it required first).
    api.getStats = () => copyStats(statsRoots);
  }
  if (debugMode) {
    // Introspection for debugging only: it hands out compartment globals, so never ship debug bundles.
    api.debug = {
      getCompartmentGlobal: (name) => getPackage(StringCtor(name)).compartmentGlobal,
      getPolicy: (name) => policyResources.get(StringCtor(name)),
    };
  }

  if (config.scuttle && config.scuttle.enabled) scuttle(config.scuttle);

  defineProperty(globalRef, apiName, {
    value: harden(api),
    writable: false,
    enumerable: false,
    configurable: false,
  });
})
