/**
 * Manage's side of the Hosted API 1.0 (docs/connectwise/hosted-api.md#message-protocol),
 * run inside the simulated Manage screens. Every message is a JSON string.
 * Per frame: wait for {"message":"ready"} → send {"MessageFrameID"} → answer
 * getMemberAuthentication → send the onLoad event and wait for its ack.
 * Save asks every pod (beforeSave) and is blocked by any failure, its
 * messages shown in the screen's message area.
 * Messages whose origin is not the frame's registered origin are ignored.
 *
 * The script is installed once per page and `mount()`s each screen: on load,
 * and again each time the single-page shell (spa-shell.ts) swaps the record
 * shown in #cwContent. The screen's context is the JSON in #cw-host-context.
 * Tabs (hostedAs "tab") are selected from the tab strip; pods sit in the screen.
 */
export const HOSTED_API_HOST_SCRIPT = `
(function () {
  var ctx = null;
  var frames = {};
  var nextEventId = 1;
  var pending = {};
  var dirty = {};
  var host = window.__cwHost = { log: [], dirty: dirty, frames: frames, mount: mount, mounts: 0 };

  function post(frame, message) {
    frame.el.contentWindow.postMessage(JSON.stringify(message), frame.origin);
  }
  function sendEvent(frame, name, data) {
    var id = nextEventId++;
    return new Promise(function (resolve) {
      pending[id] = resolve;
      post(frame, { event: name, _id: id, data: data });
      setTimeout(function () { if (pending[id]) { delete pending[id]; resolve({ result: 'timeout' }); } }, 5000);
    });
  }
  function screenObject(frame) {
    return { screenObject: { screen: ctx.screen, id: ctx.recordId, hostedAs: frame.hostedAs } };
  }
  function anyDirty() {
    return Object.keys(dirty).some(function (k) { return dirty[k]; });
  }

  function mount() {
    var el = document.getElementById('cw-host-context');
    ctx = el ? JSON.parse(el.textContent) : null;
    Object.keys(frames).forEach(function (k) { delete frames[k]; });
    Object.keys(dirty).forEach(function (k) { delete dirty[k]; });
    document.body.classList.remove('cw-dirty');
    host.mounts++;
    if (!ctx) return;
    document.querySelectorAll('iframe[data-cw-hosted]').forEach(function (frameEl) {
      var id = 'frame' + frameEl.getAttribute('data-setup-id') + '_' + host.mounts;
      frames[id] = { id: id, el: frameEl, origin: frameEl.getAttribute('data-origin'), hostedAs: frameEl.getAttribute('data-hosted-as'), ready: false };
    });
  }

  function openScreen(args) {
    if (!args || (args.screen !== 'ticket' && args.screen !== 'company')) return; // only these two (HAPI readme)
    if (!args.newTab && window.__cwNavigate) { window.__cwNavigate(args.screen, args.id); return; }
    var href = ctx.links[args.screen].replace('{id}', encodeURIComponent(args.id));
    if (args.newTab) window.open(href, '_blank'); else location.href = href;
  }
  function refreshScreen() {
    if (anyDirty() && !window.confirm('You have unsaved changes. Refresh anyway?')) return;
    if (window.__cwNavigate) window.__cwNavigate(ctx.screen, ctx.recordId, { replace: true }); else location.reload();
  }

  window.addEventListener('message', function (e) {
    var frame = null;
    for (var k in frames) if (frames[k].el.contentWindow === e.source) frame = frames[k];
    if (!frame || e.origin !== frame.origin) return;
    var msg;
    try { msg = typeof e.data === 'string' ? JSON.parse(e.data) : null; } catch (err) { return; }
    if (!msg) return;
    host.log.push(msg);
    if (msg.message === 'ready') {
      post(frame, { MessageFrameID: frame.id });
      if (!frame.ready) {
        frame.ready = true;
        sendEvent(frame, 'onLoad', screenObject(frame));
      }
      return;
    }
    var request = msg.hosted_request || msg.request;
    if (request) {
      if (msg.frameID !== frame.id) return;
      if (request === 'getMemberAuthentication') {
        post(frame, { response: 'getmemberauthentication', data: ctx.member });
      } else if (request === 'setDirty') {
        dirty[frame.id] = !!(msg.args && msg.args.dirty);
        document.body.classList.toggle('cw-dirty', anyDirty());
      } else if (request === 'refreshScreen') {
        if (frame.hostedAs === 'pod') refreshScreen(); // pod only (HAPI)
      } else if (request === 'openScreen') {
        openScreen(msg.args);
      } else if (request === 'getScreenObject') {
        post(frame, { response: 'getscreenobject', data: screenObject(frame).screenObject });
      }
      return;
    }
    if (msg.event && pending[msg._id]) {
      var resolve = pending[msg._id];
      delete pending[msg._id];
      resolve(msg);
    }
  });

  document.addEventListener('click', function (e) {
    var tab = e.target.closest && e.target.closest('[data-cw-tab]');
    if (tab) {
      var name = tab.getAttribute('data-cw-tab');
      document.querySelectorAll('[data-cw-tab]').forEach(function (t) { t.classList.toggle('cw-tab-selected', t === tab); });
      document.querySelectorAll('[data-cw-tab-panel]').forEach(function (p) { p.hidden = p.getAttribute('data-cw-tab-panel') !== name; });
      return;
    }
    var save = e.target.closest && e.target.closest('[data-cw-action="save"]');
    if (!save || !ctx) return;
    var messages = document.getElementById('cw-messages');
    messages.textContent = '';
    var pods = Object.keys(frames).map(function (k) { return frames[k]; }).filter(function (f) { return f.hostedAs === 'pod' && f.ready; });
    Promise.all(pods.map(function (f) { return sendEvent(f, 'beforeSave', screenObject(f)); })).then(function (answers) {
      var errors = [];
      answers.forEach(function (a) { if (a.result === 'failure') errors = errors.concat(a.errors || []); });
      if (errors.length) {
        errors.forEach(function (text) { var li = document.createElement('li'); li.textContent = String(text); messages.appendChild(li); });
        document.body.setAttribute('data-save-state', 'blocked');
        return;
      }
      document.body.setAttribute('data-save-state', 'saved');
      Object.keys(dirty).forEach(function (k) { dirty[k] = false; });
      document.body.classList.remove('cw-dirty');
      pods.forEach(function (f) { sendEvent(f, 'onLoad', screenObject(f)); });
    });
  });

  window.addEventListener('beforeunload', function (e) { if (anyDirty()) { e.preventDefault(); e.returnValue = ''; } });

  mount();
})();
`;
