// The embedding page's side of sigscope's postMessage API (README,
// "Embedding"). The iframe's address comes from this page's own query:
// ?src=<the embed's URL> (the test builds it), so one page serves every
// case. Everything sigscope posts is recorded in window.sigscopeEvents.
(function () {
  var src = new URLSearchParams(location.search).get('src');
  var embedOrigin = new URL(src).origin;
  var frame = document.createElement('iframe');
  frame.src = src;
  frame.title = 'sigscope: a signal across PID namespaces, step by step';
  frame.width = '960';
  frame.height = '540';
  frame.setAttribute('loading', 'lazy');
  frame.className = 'sigscope';
  document.getElementById('frame').appendChild(frame);

  window.sigscopeEvents = [];
  window.hostKeys = [];
  var status = document.getElementById('status');
  window.addEventListener('message', function (e) {
    // Only sigscope's frame, only its events.
    if (e.source !== frame.contentWindow || e.origin !== embedOrigin) return;
    var d = e.data;
    if (!d || typeof d.sigscope !== 'string') return;
    window.sigscopeEvents.push(d);
    if (d.sigscope === 'step') status.textContent = 'step ' + d.step + ' of ' + d.of;
    // Auto-resize.
    if (d.sigscope === 'height' && d.px > 0) frame.height = String(d.px);
  });

  /** Posts a command (or anything at all, for the tests) to sigscope. */
  window.sigscope = function (message) {
    frame.contentWindow.postMessage(message, embedOrigin);
  };
  document.querySelectorAll('button[data-cmd]').forEach(function (b) {
    b.addEventListener('click', function () { window.sigscope({ sigscope: b.dataset.cmd }); });
  });
  // What a deck would do with its arrow keys: the embed must leave them.
  document.addEventListener('keydown', function (e) { window.hostKeys.push(e.key); });
})();
