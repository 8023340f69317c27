// Keeps the trainee's progress and notes in this browser (localStorage), under one key.
// The kernel receives what is stored once, when the page opens, and sends back the
// module's part whenever it changes. Nothing here talks to any server but the page's own.

const PREFIX = "harm-repair:";

function readRaw(key) {
  try {
    return window.localStorage.getItem(key) ?? "";
  } catch (e) {
    return "";
  }
}

function writeModule(model) {
  if (!model.get("writable")) return;
  const key = model.get("storage_key");
  const moduleId = model.get("module_id");
  const moduleJson = model.get("module_json");
  if (!moduleId || !moduleJson) return;
  let all = null;
  try {
    all = JSON.parse(readRaw(key) || "null");
  } catch (e) {
    all = null;
  }
  if (!all || typeof all !== "object" || all.version !== model.get("version")) {
    all = { version: model.get("version"), modules: {} };
  }
  if (!all.modules || typeof all.modules !== "object") all.modules = {};
  all.modules[moduleId] = JSON.parse(moduleJson);
  try {
    window.localStorage.setItem(key, JSON.stringify(all));
  } catch (e) {
    model.set("storage_error", String(e && e.name ? e.name : e));
    model.save_changes();
  }
}

function clearDevice() {
  try {
    const keys = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (k && k.startsWith(PREFIX)) keys.push(k);
    }
    keys.forEach((k) => window.localStorage.removeItem(k));
    for (let i = window.sessionStorage.length - 1; i >= 0; i--) {
      const k = window.sessionStorage.key(i);
      if (k && k.startsWith(PREFIX)) window.sessionStorage.removeItem(k);
    }
  } catch (e) {
    /* storage unavailable: nothing stored, nothing to clear */
  }
}

function download(filename, mime, content) {
  const blob = new Blob([content], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The page's language: the kernel chose it (from ?lang=, else the browser's languages).
function applyLanguage(model) {
  const lang = model.get("language");
  if (lang) document.documentElement.lang = lang;
  const title = model.get("page_title");
  if (title) document.title = title;
}

// Remember the trainee's choice on this device, then reload the page in that language.
function switchLanguage(model, lang) {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang || "")) return;
  try {
    window.localStorage.setItem(model.get("language_key"), lang);
  } catch (e) {
    /* storage unavailable: the choice lasts for this address only */
  }
  const url = new URL(window.location.href);
  url.searchParams.set("lang", lang);
  window.location.replace(url.toString());
}

function leaveQuickly(url) {
  document.body.innerHTML = "";
  document.title = "New Tab";
  window.location.replace(url);
}

function render({ model, el }) {
  el.classList.add("hr-device-store");
  applyLanguage(model);
  model.on("change:language", () => applyLanguage(model));
  const leave = document.createElement("button");
  leave.type = "button";
  leave.className = "jupyter-button hr-leave";
  leave.textContent = model.get("leave_label");
  leave.title = model.get("leave_hint");
  leave.addEventListener("click", () => leaveQuickly(model.get("leave_url")));
  el.appendChild(leave);

  model.on("change:module_json", () => writeModule(model));
  model.on("msg:custom", (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "download") download(msg.filename, msg.mime, msg.content);
    else if (msg.type === "clear") clearDevice();
    else if (msg.type === "reload") window.location.reload();
    else if (msg.type === "language") switchLanguage(model, msg.language);
    else if (msg.type === "scroll") {
      const target = document.querySelector(msg.selector);
      if (target) {
        target.scrollIntoView({ block: "start" });
        const focusable = target.querySelector("button, textarea, a[href]");
        if (focusable) focusable.focus({ preventScroll: true });
      }
    }
  });

  // While a live session is on, ask the kernel to look for news every few seconds.
  let timer = null;
  const retime = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    const seconds = model.get("tick_seconds");
    if (seconds > 0) timer = setInterval(() => model.send({ type: "tick" }), seconds * 1000);
  };
  model.on("change:tick_seconds", retime);
  retime();

  // Hand what this device holds to the kernel, once per page.
  if (!model.get("loaded")) {
    model.set("raw", readRaw(model.get("storage_key")));
    model.set("loaded", true);
    model.save_changes();
  }
}

export default { render };
