// zorgroute preview editor: served by `zorgroute serve` only, never part of
// a built site. Builds a form from the JSON Schema of the file's kind, and on
// save sends only the values that changed (SPEC section 8); the server checks
// them with the whole project and writes them at their places in the file.
(() => {
  "use strict";
  const token = document.querySelector('meta[name="zorgroute-token"]').content;
  const T = JSON.parse(document.getElementById("zr-teksten").textContent);
  const t = (key) => (key in T ? T[key] : key);
  const has = (key) => key in T;
  const params = new URLSearchParams(location.search);
  const main = document.getElementById("inhoud");
  const back = params.get("terug") || "/";

  let serial = 0;
  const newId = () => "zr-" + ++serial;

  // A new element with attributes (on* are listeners) and children.
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  };

  const api = async (method, path, body) => {
    const options = { method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-Zorgroute-Token"] = token;
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = {};
    try {
      data = await response.json();
    } catch (_) {
      // An answer without JSON: its status says enough.
    }
    return { status: response.status, data };
  };

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(sortKeys(b)) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
  const sortKeys = (v) => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (!isObject(v)) return v;
    const out = {};
    for (const key of Object.keys(v).sort()) out[key] = sortKeys(v[key]);
    return out;
  };

  // The changes that turn `a` into `b`, value by value: what the server
  // writes in place. A list grows at its end and shrinks from its end.
  const diff = (path, a, b, out) => {
    if (same(a, b)) return;
    const at = (key) => (path === "" ? String(key) : path + "." + key);
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) if (!(key in b)) out.push({ pad: at(key), waarde: null });
      for (const key of Object.keys(b)) {
        if (key in a) diff(at(key), a[key], b[key], out);
        else out.push({ pad: at(key), waarde: b[key] });
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const common = Math.min(a.length, b.length);
      for (let i = 0; i < common; i++) diff(at(i), a[i], b[i], out);
      for (let i = a.length; i < b.length; i++) out.push({ pad: at(i), waarde: b[i] });
      for (let i = a.length - 1; i >= b.length; i--) out.push({ pad: at(i), waarde: null });
      return;
    }
    out.push({ pad: path, waarde: b === undefined ? null : b });
  };

  // ---- The schema ----

  // Fields that name an entity, by the kind they name.
  const CHOICES = {
    owner: "actor", actor: "actor", participants: "actor", steering_group: "actor",
    members: "actor", party: "actor", from: "actor",
    procedure: "procedure", procedures: "procedure", level: "level",
  };
  const DATES = new Set(["verified", "review", "signed", "date"]);
  const LONG = new Set(["summary", "description", "trigger", "note", "output", "when", "text",
    "statement", "definition", "steering_note", "footer", "frequency", "address", "hours"]);
  // The order a reader expects; the rest follow alphabetically.
  const ORDER = ["id", "title", "name", "statement", "scores", "score", "term", "abbreviation", "definition", "kind", "level", "owner", "actor",
    "procedure", "participants", "summary", "trigger", "frequency", "within", "output", "description",
    "when", "steps", "escalates_to", "consent", "required", "from", "note", "documents", "parties",
    "commitments", "procedures", "response_time", "signed", "review", "contact", "email", "phone",
    "address", "hours", "url", "verified", "members", "order", "weight", "aliases"];
  const rank = (name) => {
    const i = ORDER.indexOf(name);
    return i < 0 ? ORDER.length : i;
  };

  let schema = {};
  let choices = {};

  const deref = (node) => {
    let seen = 0;
    while (node && node.$ref && seen++ < 20) node = (schema.$defs || {})[node.$ref.replace("#/$defs/", "")];
    return node || {};
  };

  // What a schema node asks for: a kind of control, the node, and the
  // object alternative of a value that may also be written short.
  const shape = (raw) => {
    const node = deref(raw);
    const alts = node.anyOf || node.oneOf;
    if (alts) {
      const real = alts.map(deref).filter((a) => a.type !== "null");
      if (real.length === 1) return shape(real[0]);
      const object = real.find((a) => a.type === "object" || a.properties);
      if (object) return { kind: "object", node: object, short: real.filter((a) => a !== object) };
      return { kind: "string", node: real[0] || {} };
    }
    let type = node.type;
    if (Array.isArray(type)) type = type.find((x) => x !== "null") || "string";
    if (!type && node.properties) type = "object";
    if (!type && node.enum) type = "string";
    return { kind: type || "json", node };
  };

  const label = (name) => (has("field_" + name) ? t("field_" + name) : name.replace(/_/g, " "));
  const help = (name, node) => (has("help_" + name) ? t("help_" + name) : node.description || null);

  // A field: its label, help and error place around a control.
  const field = (path, name, node, control, { group = false } = {}) => {
    const helpText = help(name, node);
    const helpId = helpText ? newId() : undefined;
    const errorId = newId();
    control.describe?.([helpId, errorId].filter(Boolean).join(" "));
    const wrapper = group
      ? el("fieldset", { class: "zr-field", "data-veld": path }, el("legend", { text: label(name) }))
      : el("div", { class: "zr-field", "data-veld": path }, el("label", { for: control.id, text: label(name) }));
    if (helpText) wrapper.append(el("p", { class: "zr-help", id: helpId, text: helpText }));
    wrapper.append(el("div", { id: errorId, class: "zr-error-slot" }), control.el);
    return wrapper;
  };

  // ---- Controls: each is {el, id?, get(), describe?(ids)} ----

  const textControl = (name, node, value, required) => {
    const id = newId();
    const list = choices[CHOICES[name]];
    let input;
    if (node.enum || list) {
      const options = node.enum ? node.enum.map((v) => ({ id: v, titel: v })) : list;
      input = el("select", { id }, el("option", { value: "", text: t("choose") }));
      for (const o of options) input.append(el("option", { value: o.id, text: o.titel === o.id ? o.id : `${o.titel} (${o.id})` }));
      if (value !== undefined && value !== null && !options.some((o) => o.id === value)) {
        input.append(el("option", { value: String(value), text: String(value) }));
      }
    } else if (DATES.has(name)) {
      input = el("input", { id, type: "date" });
    } else if (LONG.has(name) || (typeof value === "string" && (value.length > 90 || value.includes("\n")))) {
      input = el("textarea", { id, rows: 3 });
    } else {
      input = el("input", { id, type: "text" });
    }
    if (value !== undefined && value !== null) input.value = String(value);
    if (required) input.required = true;
    return {
      el: input,
      id,
      describe: (ids) => ids && input.setAttribute("aria-describedby", ids),
      get: () => (input.value === "" ? (required ? "" : value === null ? null : undefined) : input.value),
    };
  };

  const numberControl = (value) => {
    const id = newId();
    const input = el("input", { id, type: "number", inputmode: "numeric" });
    if (value !== undefined && value !== null) input.value = String(value);
    return {
      el: input,
      id,
      describe: (ids) => ids && input.setAttribute("aria-describedby", ids),
      get: () => (input.value === "" ? undefined : Number(input.value)),
    };
  };

  const boolControl = (name, value) => {
    const id = newId();
    const input = el("input", { id, type: "checkbox" });
    input.checked = value === true;
    const box = el("div", { class: "zr-choices" }, el("label", {}, input, t("yes_word")));
    return {
      el: box,
      id,
      describe: (ids) => ids && input.setAttribute("aria-describedby", ids),
      get: () => (input.checked ? true : value === undefined ? undefined : false),
    };
  };

  // A list of ids as checkboxes: kept ones stay in their order, new ones follow.
  const choiceList = (list, value) => {
    const chosen = Array.isArray(value) ? value : [];
    const box = el("div", { class: "zr-choices" });
    const inputs = [];
    const known = new Set(list.map((o) => o.id));
    for (const o of [...list, ...chosen.filter((id) => !known.has(id)).map((id) => ({ id, titel: id }))]) {
      const input = el("input", { type: "checkbox", value: o.id });
      input.checked = chosen.includes(o.id);
      inputs.push(input);
      box.append(el("label", {}, input, o.titel));
    }
    return {
      el: box,
      get: () => {
        const on = inputs.filter((i) => i.checked).map((i) => i.value);
        const result = [...chosen.filter((id) => on.includes(id)), ...on.filter((id) => !chosen.includes(id))];
        return result.length === 0 && value === undefined ? undefined : result;
      },
    };
  };

  // A list of items with add, remove, up and down.
  const listControl = (path, name, itemNode, value) => {
    const box = el("div", { class: "zr-list" });
    const items = el("div");
    let controls = [];
    const singular = label(name);
    const render = (values, focus) => {
      items.replaceChildren();
      controls = values.map((v, i) => {
        const itemPath = `${path}.${i}`;
        const control = valueControl(itemPath, name, itemNode, v, { item: true });
        const number = `${has("item_" + name) ? t("item_" + name) : t("item")} ${i + 1}`;
        const tool = (key, action, disabled) =>
          el("button", {
            type: "button", class: "zr-button", disabled,
            "aria-label": `${t(key)}: ${singular}, ${number}`,
            "data-tool": key,
            onclick: () => action(i),
          }, t(key));
        const current = () => controls.map((c) => c.get());
        const move = (from, to) => {
          const list = current();
          const [moved] = list.splice(from, 1);
          list.splice(to, 0, moved);
          return list;
        };
        const tools = el("div", { class: "zr-item-tools" },
          tool("move_up", (j) => render(move(j, j - 1), [j - 1, "move_up"]), i === 0),
          tool("move_down", (j) => render(move(j, j + 1), [j + 1, "move_down"]), i === values.length - 1),
          tool("remove_item", (j) => {
            const list = current();
            list.splice(j, 1);
            render(list, [Math.min(j, list.length - 1), "remove_item"]);
          }));
        const simple = !isObject(v) && shape(itemNode).kind !== "object";
        const wrapper = simple
          ? el("div", { class: "zr-field", "data-veld": itemPath },
              el("label", { for: control.id, text: number }), el("div", { class: "zr-error-slot" }), control.el, tools)
          : el("fieldset", { class: "zr-field", "data-veld": itemPath },
              el("legend", { text: number }), el("div", { class: "zr-error-slot" }), control.el, tools);
        items.append(wrapper);
        return control;
      });
      if (focus) {
        const [at, key] = focus;
        const target = items.children[at]?.querySelector(`:scope > .zr-item-tools [data-tool="${key}"]:not([disabled])`)
          || items.children[at]?.querySelector("input, select, textarea") || addButton;
        target.focus();
      }
    };
    const addButton = el("button", {
      type: "button", class: "zr-button",
      onclick: () => {
        const list = controls.map((c) => c.get());
        list.push(shape(itemNode).kind === "object" ? {} : "");
        render(list);
        items.lastElementChild?.querySelector("input, select, textarea")?.focus();
      },
    }, has("add_" + name) ? t("add_" + name) : `${t("add_item")}: ${singular}`);
    render(Array.isArray(value) ? value : []);
    box.append(items, addButton);
    return {
      el: box,
      get: () => {
        const list = controls.map((c) => c.get()).filter((v) => v !== undefined);
        return list.length === 0 && value === undefined ? undefined : list;
      },
    };
  };

  // A value that may be written short (`consent: true`, `- ib`,
  // `steering_group: [ib]`) as its object: the first field of the object of
  // the short value's kind takes it.
  const expand = (node, value) => {
    if (value === undefined || value === null || isObject(value)) return value;
    const props = node.properties || {};
    const wanted = Array.isArray(value) ? "array" : typeof value === "boolean" ? "boolean" : "string";
    const key = (node.required || []).find((k) => shape(props[k]).kind === wanted)
      || Object.keys(props).find((k) => shape(props[k]).kind === wanted);
    return key ? { [key]: value } : {};
  };

  const objectControl = (path, node, value, { item = false, root = false } = {}) => {
    const props = node.properties || {};
    const required = new Set(node.required || []);
    const given = isObject(value) ? value : {};
    const box = el("div", { class: "zr-object" });
    const parts = [];
    // The id comes from the file's name; it is shown only where a file sets it.
    const shown = Object.keys(props).filter((name) => name !== "id" || "id" in given);
    for (const name of shown.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
      const sub = path === "" ? name : `${path}.${name}`;
      const control = valueControl(sub, name, props[name], given[name], { required: required.has(name) });
      const kind = shape(props[name]).kind;
      const group = kind === "object" || kind === "array" || kind === "boolean";
      box.append(field(sub, name, deref(props[name]), control, { group }));
      parts.push([name, control]);
    }
    return {
      el: box,
      get: () => {
        // Fields the schema does not know stay as they were.
        const out = {};
        for (const [key, v] of Object.entries(given)) if (!(key in props)) out[key] = v;
        for (const [name, control] of parts) {
          const v = control.get();
          if (v !== undefined) out[name] = v;
        }
        const empty = Object.keys(out).length === 0;
        return empty && !item && !root && value === undefined ? undefined : out;
      },
    };
  };

  // A mapping of free keys (a statement's score per school year): rows of
  // a key and a value, added and removed.
  const mapControl = (path, name, valueNode, value) => {
    const box = el("div", { class: "zr-list" });
    const rows = el("div");
    const keyLabel = has("key_" + name) ? t("key_" + name) : t("key");
    const valueLabel = has("value_" + name) ? t("value_" + name) : t("value");
    let entries = [];
    const addRow = (key, v) => {
      const keyId = newId();
      const keyInput = el("input", { id: keyId, type: "text" });
      keyInput.value = key;
      const control = valueControl(`${path}.${key}`, name, valueNode, v);
      const row = el("div", { class: "zr-field zr-map-row", "data-veld": `${path}.${key}` },
        el("label", { for: keyId, text: keyLabel }), keyInput,
        el("label", { for: control.id, text: valueLabel }), el("div", { class: "zr-error-slot" }), control.el);
      const entry = { keyInput, control, row };
      row.append(el("div", { class: "zr-item-tools" }, el("button", {
        type: "button", class: "zr-button",
        "aria-label": `${t("remove_item")}: ${keyLabel} ${key}`,
        onclick: () => {
          entries = entries.filter((e) => e !== entry);
          row.remove();
          addButton.focus();
        },
      }, t("remove_item"))));
      entries.push(entry);
      rows.append(row);
      return keyInput;
    };
    const addButton = el("button", { type: "button", class: "zr-button", onclick: () => addRow("", undefined).focus() },
      `${t("add_item")}: ${keyLabel}`);
    for (const [key, v] of Object.entries(isObject(value) ? value : {})) addRow(key, v);
    box.append(rows, addButton);
    return {
      el: box,
      get: () => {
        const out = {};
        for (const { keyInput, control } of entries) {
          const v = control.get();
          if (keyInput.value.trim() !== "" && v !== undefined) out[keyInput.value.trim()] = v;
        }
        return Object.keys(out).length === 0 && value === undefined ? undefined : out;
      },
    };
  };

  const jsonControl = (value) => {
    const id = newId();
    const area = el("textarea", { id, rows: 4, "aria-label": t("as_json") });
    area.value = value === undefined ? "" : JSON.stringify(value, null, 2);
    return {
      el: area,
      id,
      describe: (ids) => ids && area.setAttribute("aria-describedby", ids),
      get: () => {
        if (area.value.trim() === "") return undefined;
        try {
          return JSON.parse(area.value);
        } catch (_) {
          return value;
        }
      },
    };
  };

  function valueControl(path, name, raw, value, options = {}) {
    const { kind, node, short } = shape(raw);
    switch (kind) {
      case "string":
        return textControl(name, node, value, options.required);
      case "integer":
      case "number":
        return numberControl(value);
      case "boolean":
        return boolControl(name, value);
      case "array": {
        const items = shape(node.items || {});
        const list = choices[CHOICES[name]];
        if (items.kind === "string" && list) return choiceList(list, value);
        return listControl(path, name, node.items || {}, value);
      }
      case "object": {
        if (!node.properties && isObject(node.additionalProperties)) {
          return mapControl(path, name, node.additionalProperties, value);
        }
        const control = objectControl(path, node, short ? expand(node, value) : value, options);
        if (!short) return control;
        // Written short and not changed: it stays short.
        return { ...control, get: () => {
          const v = control.get();
          return value !== undefined && !isObject(value) && same(v, expand(node, value)) ? value : v;
        } };
      }
      default:
        return jsonControl(value);
    }
  }

  // ---- Problems ----

  const clearProblems = () => {
    main.querySelectorAll(".zr-summary, .zr-conflict").forEach((n) => n.remove());
    main.querySelectorAll(".zr-error").forEach((n) => n.remove());
    main.querySelectorAll(".zr-invalid").forEach((n) => n.classList.remove("zr-invalid"));
    main.querySelectorAll("[aria-invalid]").forEach((n) => n.removeAttribute("aria-invalid"));
  };

  // The field a problem's path belongs to: the path itself or its nearest parent shown.
  const fieldOf = (form, path) => {
    const parts = (path || "").split(".").filter(Boolean);
    while (parts.length) {
      const found = form.querySelector(`[data-veld="${CSS.escape(parts.join("."))}"]`);
      if (found) return found;
      parts.pop();
    }
    return null;
  };

  // A problem's sentence: capitalised, with its `code` words as code.
  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const sentence = (text) => {
    const node = el("span");
    text.split("`").forEach((part, i) => node.append(i % 2 ? el("code", { text: part }) : part));
    return node;
  };

  const showProblems = (form, problems, pad, before) => {
    const list = el("ul");
    for (const p of problems) {
      const text = p.help ? `${capital(p.message)}. ${capital(p.help)}.` : `${capital(p.message)}.`;
      const here = !p.file || p.file === pad;
      const target = here ? fieldOf(form, p.veld) : null;
      if (target) {
        target.classList.add("zr-invalid");
        const slot = target.querySelector(":scope > .zr-error-slot");
        slot?.append(el("p", { class: "zr-error" }, sentence(text)));
        const input = target.querySelector("input, select, textarea");
        input?.setAttribute("aria-invalid", "true");
        if (!target.id) target.id = newId();
        list.append(el("li", {}, el("a", { href: "#" + target.id }, sentence(text))));
      } else {
        const where = p.file ? `${here ? "" : t("problem_elsewhere") + ": "}${p.file}${p.line ? ":" + p.line : ""}: ` : "";
        list.append(el("li", {}, where, sentence(text)));
      }
    }
    const summary = el("div", { class: "zr-summary", role: "alert", tabindex: "-1" },
      el("h2", { text: t("problems_heading") }), el("p", { text: t("problems_intro") }), list);
    before.before(summary);
    summary.focus();
  };

  const showMessage = (before, text) => {
    clearProblems();
    const box = el("div", { class: "zr-summary", role: "alert", tabindex: "-1" }, el("p", { text }));
    before.before(box);
    box.focus();
  };

  // ---- The pages ----

  const setStatus = (text) => {
    const status = document.getElementById("zr-status");
    if (status) status.textContent = text;
  };

  const heading = (text, pad) => [
    el("h1", { text }),
    pad ? el("p", { class: "zr-file" }, `${t("file")}: ${pad}`) : null,
  ];

  const editPage = async () => {
    const pad = params.get("pad") || "";
    const [file, form] = await Promise.all([
      api("GET", "/_bewerken/api/bestand?pad=" + encodeURIComponent(pad)),
      api("GET", "/_bewerken/api/formulier?pad=" + encodeURIComponent(pad)),
    ]);
    const status = el("p", { id: "zr-status", role: "status" });
    if (file.status !== 200 || form.status !== 200) {
      main.replaceChildren(...heading(t("heading_edit"), pad), status);
      showMessage(status, (file.data.fout || form.data.fout || String(file.status)));
      return;
    }
    schema = form.data.schema || {};
    choices = form.data.keuzes || {};
    const region = params.get("regio");
    if (form.data.standaard && region && !params.has("standaard")) {
      standardChoice(pad, region, file.data);
      return;
    }
    let original = file.data;
    const title = original.velden.title || original.velden.name || pad.split("/").pop();
    const formEl = el("form", { novalidate: true });
    const root = objectControl("", shape(schema).node, original.velden, { root: true });
    formEl.append(root.el);
    let bodyArea = null;
    if (typeof original.tekst === "string") {
      const id = newId();
      const helpId = newId();
      bodyArea = el("textarea", { id, class: "zr-body", "aria-describedby": helpId, spellcheck: "true" });
      bodyArea.value = original.tekst;
      const preview = el("div", { class: "zr-preview", hidden: true, "aria-live": "polite" });
      const previewButton = el("button", {
        type: "button", class: "zr-button",
        onclick: async () => {
          const r = await api("POST", "/_bewerken/api/voorbeeld", { tekst: bodyArea.value });
          preview.replaceChildren(el("h2", { text: t("preview_heading") }));
          const shown = el("div");
          shown.innerHTML = r.data.html || "";
          preview.append(shown);
          preview.hidden = false;
        },
      }, t("preview"));
      formEl.append(el("div", { class: "zr-field", "data-veld": "tekst" },
        el("label", { for: id, text: t("body") }),
        el("p", { class: "zr-help", id: helpId, text: t("body_help") }),
        el("div", { class: "zr-error-slot" }), bodyArea, el("div", { class: "zr-item-tools" }, previewButton), preview));
    }
    const saveButton = el("button", { type: "submit", class: "zr-button zr-button-primary" }, t("save"));
    formEl.append(el("div", { class: "zr-actions" }, saveButton, el("a", { href: back, text: t("cancel") })));
    formEl.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearProblems();
      const changes = [];
      diff("", original.velden, root.get(), changes);
      const request = { pad, versie: original.versie, wijzigingen: changes };
      if (bodyArea && bodyArea.value !== original.tekst) request.tekst = bodyArea.value;
      if (changes.length === 0 && request.tekst === undefined) {
        status.textContent = t("nothing_changed");
        return;
      }
      saveButton.disabled = true;
      status.textContent = t("saving");
      const r = await api("POST", "/_bewerken/api/bestand", request);
      saveButton.disabled = false;
      status.textContent = "";
      if (r.status === 200) {
        status.textContent = t("saved");
        status.className = "zr-saved";
        location.href = back;
      } else if (r.status === 422) {
        showProblems(formEl, r.data.problemen || [], pad, formEl);
      } else if (r.status === 409 && r.data.huidig) {
        conflict(formEl, r.data, request);
      } else {
        showMessage(formEl, r.data.fout || String(r.status));
      }
    });
    main.replaceChildren(...heading(`${t("heading_edit")}: ${title}`, pad), status, formEl);
    document.title = `${t("heading_edit")}: ${title}`;
  };

  const conflict = (formEl, data, mine) => {
    const box = el("div", { class: "zr-summary zr-conflict", role: "alert", tabindex: "-1" },
      el("h2", { text: t("conflict_heading") }),
      el("p", { text: data.fout || t("conflict_intro") }),
      el("h3", { text: t("conflict_yours") }),
      el("pre", { text: JSON.stringify(mine.wijzigingen, null, 2) + (mine.tekst !== undefined ? "\n\n" + mine.tekst : "") }),
      el("h3", { text: t("conflict_disk") }),
      el("pre", { text: JSON.stringify(data.huidig.velden, null, 2) + (data.huidig.tekst ? "\n\n" + data.huidig.tekst : "") }),
      el("button", { type: "button", class: "zr-button", onclick: () => location.reload() }, t("conflict_reload")));
    formEl.before(box);
    box.focus();
  };

  const standardChoice = (pad, region, file) => {
    const status = el("p", { id: "zr-status", role: "status" });
    const change = el("a", { class: "zr-button", href: `${location.pathname}${location.search}&standaard=1` }, t("standard_change"));
    const own = el("button", {
      type: "button", class: "zr-button zr-button-primary",
      onclick: async () => {
        const r = await api("POST", "/_bewerken/api/eigen-versie", { pad, regio: region });
        if (r.status === 200 || (r.status === 409 && r.data.pad)) {
          location.href = `/_bewerken/?pad=${encodeURIComponent(r.data.pad)}&terug=${encodeURIComponent(back)}`;
        } else if (r.status === 422) {
          showProblems(main, r.data.problemen || [], pad, status);
        } else {
          showMessage(status, r.data.fout || String(r.status));
        }
      },
    }, `${t("standard_override")} ${region}`);
    const title = file.velden.title || file.velden.name || pad;
    main.replaceChildren(...heading(`${t("heading_edit")}: ${title}`, pad), status,
      el("h2", { text: t("standard_heading") }), el("p", { text: t("standard_intro") }),
      el("div", { class: "zr-actions" }, own, change, el("a", { href: back, text: t("cancel") })));
  };

  const slug = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

  const newPage = () => {
    const kind = params.get("soort") || "procedure";
    const region = params.get("regio") || "";
    const status = el("p", { id: "zr-status", role: "status" });
    const titleId = newId();
    const idId = newId();
    const idHelp = newId();
    const titleInput = el("input", { id: titleId, type: "text", required: true, autocomplete: "off" });
    const idInput = el("input", { id: idId, type: "text", "aria-describedby": idHelp, autocomplete: "off" });
    let idTouched = false;
    titleInput.addEventListener("input", () => { if (!idTouched) idInput.value = slug(titleInput.value); });
    idInput.addEventListener("input", () => { idTouched = true; });
    const formEl = el("form", { novalidate: true },
      el("p", { text: t("new_intro") }),
      el("div", { class: "zr-field", "data-veld": "title" }, el("label", { for: titleId, text: t("new_title") }),
        el("div", { class: "zr-error-slot" }), titleInput),
      el("div", { class: "zr-field", "data-veld": "id" }, el("label", { for: idId, text: t("new_id") }),
        el("p", { class: "zr-help", id: idHelp, text: t("new_id_help") }), el("div", { class: "zr-error-slot" }), idInput),
      el("div", { class: "zr-actions" }, el("button", { type: "submit", class: "zr-button zr-button-primary" }, t("new_create")),
        el("a", { href: back, text: t("cancel") })));
    formEl.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearProblems();
      const r = await api("POST", "/_bewerken/api/nieuw", { soort: kind, regio: region, titel: titleInput.value, id: idInput.value });
      if (r.status === 200) {
        location.href = `/_bewerken/?pad=${encodeURIComponent(r.data.pad)}&terug=${encodeURIComponent(back)}`;
      } else if (r.status === 422) {
        showProblems(formEl, r.data.problemen || [], "", formEl);
      } else {
        showMessage(formEl, r.data.fout || String(r.status));
      }
    });
    main.replaceChildren(...heading(t("new_" + kind)), status, formEl);
    document.title = t("new_" + kind);
    titleInput.focus();
  };

  if (location.pathname.endsWith("/nieuw")) newPage();
  else editPage().catch((e) => setStatus(String(e)));
})();
