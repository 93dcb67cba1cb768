// Until the wasm starts (main.rs sets window.sigscopeStarted), a failure
// to load must read as one, not as an empty page. A file of its own, not
// an inline script, so that the page runs under a strict CSP; and without
// an integrity attribute: from file:// Chromium refuses a script whose
// integrity it cannot check, and that is where this message is most needed.
(function () {
  // The page's language before the wasm can say it, chosen as
  // src/words/mod.rs chooses it: ?lang=, then the reader's remembered
  // choice, then the browser's first language the page has.
  var zh = (function () {
    try {
      var q = new URLSearchParams(location.search).get('lang');
      if (q && /^(zh|en)/i.test(q)) return /^zh/i.test(q);
      var kept = localStorage.getItem('sigscope.lang');
      if (kept === 'zh' || kept === 'en') return kept === 'zh';
    } catch (e) { /* no storage: the browser's languages decide */ }
    var langs = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < langs.length; i++) {
      if (/^zh/i.test(langs[i])) return true;
      if (/^en/i.test(langs[i])) return false;
    }
    return false;
  })();
  var T = zh ? {
    title: 'sigscope — 信号如何穿过 PID 命名空间',
    description: '看看 Linux 内核究竟如何处理穿过 PID 命名空间的信号：把 SIGTERM 和 SIGKILL 拖到容器的 init 进程上，读一读原因。',
    loading: '正在载入内核移植…',
    cannotStart: 'sigscope 无法启动：',
    fileHint: '浏览器不允许从 file:// 打开 WebAssembly 模块。请改为打开单文件页面 sigscope-offline.html（make dist 会把它写到 offline/ 中）：它无需服务器即可运行。'
      + '或者用 HTTP 服务这个目录（例如：python3 -m http.server），再通过 http 打开。',
    reloadHint: '请重新载入页面；如果仍然失败，这个浏览器可能不支持 WebAssembly。',
    couldNotLoad: '无法载入 ',
    scriptError: '脚本出错',
    wasmFailed: 'WebAssembly 模块出错',
    tooSlow: '载入超过了 15 秒',
    stopped: 'sigscope 已停止',
    stoppedExplain: '页面出了问题，无法继续。你的会话已保留：它已被暂存，以便页面重新启动，启动后会重新提供给你。',
    retry: '保留我的会话并重试',
    reset: '重置为默认世界',
    copyReport: '复制报告',
    reportCopied: '报告已复制'
  } : {
    loading: 'Loading the kernel port…',
    cannotStart: 'sigscope could not start: ',
    fileHint: ' Browsers block WebAssembly modules opened from file://. Open the one-file page, sigscope-offline.html (make dist writes it to offline/), instead: it works without a server.'
      + ' Or serve this folder (for example: python3 -m http.server) and open it over http.',
    reloadHint: ' Reload the page; if it keeps failing, this browser may lack WebAssembly support.',
    couldNotLoad: 'could not load ',
    scriptError: 'a script error',
    wasmFailed: 'the WebAssembly module failed',
    tooSlow: 'it took more than 15 seconds to load',
    stopped: 'sigscope stopped',
    stoppedExplain: 'Something in the page went wrong, and it cannot go on. Your session is kept: '
      + 'it was put aside so that the page can start again, and it is offered back when it does.',
    retry: 'Keep my session and retry',
    reset: 'Reset to the default world',
    copyReport: 'Copy a report',
    reportCopied: 'Report copied'
  };
  if (zh) {
    document.documentElement.lang = 'zh-CN';
    document.title = T.title;
    var meta = document.querySelector('meta[name="description"]');
    if (meta) meta.setAttribute('content', T.description);
    var loading = document.getElementById('boot-message');
    if (loading) loading.textContent = T.loading;
  }
  var shown = false;
  function fail(why) {
    if (window.sigscopeStarted || shown) return;
    shown = true;
    // Before the app, the boot text; over a session's starting world
    // (src/main.rs draws it while the rest of the wasm loads), its note.
    var m = document.getElementById('boot-message') || document.querySelector('.opening');
    if (!m) return;
    // The one-file page (scripts/one-file.mjs marks it) works from
    // file://, so there the file:// advice would send the reader in circles.
    var hint = location.protocol === 'file:' && !document.documentElement.hasAttribute('data-one-file')
      ? T.fileHint
      : T.reloadHint;
    m.textContent = T.cannotStart + why + (zh ? '。' : '.') + hint;
    (m.id ? m.parentNode : m).classList.add('boot-failed');
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) fail(T.couldNotLoad + (t.src || t.href));
    else fail(e.message || T.scriptError);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    fail(String((e.reason && e.reason.message) || e.reason || T.wasmFailed));
  });
  setTimeout(function () { fail(T.tooSlow); }, 15000);

  // After a panic (src/panic.rs): the wasm is not trusted again, so the
  // panel and its buttons are this script's. The session was put aside in
  // local storage before this is called; `autosave` and `kept` are the two
  // keys as they were, for "keep my session and retry" to put back.
  window.sigscopeStopped = function (message, hash, autosave, kept) {
    window.sigscopeStarted = true;
    var path = location.pathname + location.search;
    // A reload by hand must not bring the link back either.
    history.replaceState(null, '', path);
    var app = document.getElementById('app');
    if (app) app.inert = true;
    function el(tag, text, attrs) {
      var e = document.createElement(tag);
      if (text) e.textContent = text;
      for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
      return e;
    }
    var panel = el('div', '', { 'class': 'crash', role: 'alertdialog', 'aria-modal': 'true',
      'aria-labelledby': 'crash-title', 'aria-describedby': 'crash-explain' });
    panel.appendChild(el('h2', T.stopped, { id: 'crash-title' }));
    panel.appendChild(el('p', T.stoppedExplain, { id: 'crash-explain' }));
    panel.appendChild(el('pre', message, { 'class': 'crash-message' }));
    var row = el('div', '', { 'class': 'crash-actions' });
    function button(label, onclick) {
      var b = el('button', label, { type: 'button' });
      b.addEventListener('click', function () { onclick(b); });
      row.appendChild(b);
      return b;
    }
    function restore(key, value) {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    }
    var retry = button(T.retry, function () {
      try {
        restore('sigscope.session', autosave);
        restore('sigscope.quarantine', kept);
      } catch (e) { /* storage refused: the session stays aside, offered back */ }
      history.replaceState(null, '', path + hash);
      location.reload();
    });
    button(T.reset, function () { location.reload(); });
    button(T.copyReport, function (b) {
      var report = 'sigscope stopped\n\n' + message + '\n\nbrowser: ' + navigator.userAgent
        + '\nlink: ' + hash + '\nsaved session: ' + (autosave === null ? '(none)' : autosave) + '\n';
      navigator.clipboard.writeText(report).then(function () { b.textContent = T.reportCopied; });
    });
    panel.appendChild(row);
    document.body.appendChild(panel);
    retry.focus();
  };
})();
