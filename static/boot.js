// Until the wasm starts (main.rs sets window.sigscopeStarted), a failure
// to load must read as one, not as an empty page. A file of its own, not
// an inline script, so that the page runs under a strict CSP; and without
// an integrity attribute: from file:// Chromium refuses a script whose
// integrity it cannot check, and that is where this message is most needed.
(function () {
  var shown = false;
  function fail(why) {
    if (window.sigscopeStarted || shown) return;
    shown = true;
    var m = document.getElementById('boot-message');
    if (!m) return;
    // The one-file page (scripts/one-file.mjs marks it) works from
    // file://, so there the file:// advice would send the reader in circles.
    var hint = location.protocol === 'file:' && !document.documentElement.hasAttribute('data-one-file')
      ? ' Browsers block WebAssembly modules opened from file://. Open the one-file page, sigscope-offline.html (make dist writes it to offline/), instead: it works without a server.'
        + ' Or serve this folder (for example: python3 -m http.server) and open it over http.'
      : ' Reload the page; if it keeps failing, this browser may lack WebAssembly support.';
    m.textContent = 'sigscope could not start: ' + why + '.' + hint;
    m.parentNode.classList.add('boot-failed');
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) fail('could not load ' + (t.src || t.href));
    else fail(e.message || 'a script error');
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    fail(String((e.reason && e.reason.message) || e.reason || 'the WebAssembly module failed'));
  });
  setTimeout(function () { fail('it took more than 15 seconds to load'); }, 15000);

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
    panel.appendChild(el('h2', 'sigscope stopped', { id: 'crash-title' }));
    panel.appendChild(el('p', 'Something in the page went wrong, and it cannot go on. Your session is kept: '
      + 'it was put aside so that the page can start again, and it is offered back when it does.', { id: 'crash-explain' }));
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
    var retry = button('Keep my session and retry', function () {
      try {
        restore('sigscope.session', autosave);
        restore('sigscope.quarantine', kept);
      } catch (e) { /* storage refused: the session stays aside, offered back */ }
      history.replaceState(null, '', path + hash);
      location.reload();
    });
    button('Reset to the default world', function () { location.reload(); });
    button('Copy a report', function (b) {
      var report = 'sigscope stopped\n\n' + message + '\n\nbrowser: ' + navigator.userAgent
        + '\nlink: ' + hash + '\nsaved session: ' + (autosave === null ? '(none)' : autosave) + '\n';
      navigator.clipboard.writeText(report).then(function () { b.textContent = 'Report copied'; });
    });
    panel.appendChild(row);
    document.body.appendChild(panel);
    retry.focus();
  };
})();
