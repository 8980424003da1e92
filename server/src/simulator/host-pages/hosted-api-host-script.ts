/**
 * Manage's side of the Hosted API 1.0 (../shared/connectwise/API.md §5.2),
 * run inside the simulated Manage screens. Every message is a JSON string.
 * Per frame: wait for {"message":"ready"} → send {"MessageFrameID"} → answer
 * getMemberAuthentication → send the onLoad event and wait for its ack.
 * Save asks every pod (beforeSave) and is blocked by any failure.
 * Messages whose origin is not the frame's registered origin are ignored.
 */
export const HOSTED_API_HOST_SCRIPT = String.raw`
(function () {
  var ctx = JSON.parse(document.getElementById('cw-host-context').textContent);
  var frames = {};
  var nextEventId = 1;
  var pending = {};
  var dirty = {};
  window.__cwHost = { log: [], dirty: dirty, frames: frames };

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

  document.querySelectorAll('iframe[data-cw-hosted]').forEach(function (el) {
    var id = 'frame' + el.getAttribute('data-setup-id');
    frames[id] = { id: id, el: el, origin: el.getAttribute('data-origin'), hostedAs: el.getAttribute('data-hosted-as'), ready: false };
  });

  window.addEventListener('message', function (e) {
    var frame = null;
    for (var k in frames) if (frames[k].el.contentWindow === e.source) frame = frames[k];
    if (!frame || e.origin !== frame.origin) return;
    var msg;
    try { msg = typeof e.data === 'string' ? JSON.parse(e.data) : null; } catch (err) { return; }
    if (!msg) return;
    window.__cwHost.log.push(msg);
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
        document.body.classList.toggle('cw-dirty', Object.keys(dirty).some(function (k) { return dirty[k]; }));
      } else if (request === 'refreshScreen') {
        location.reload();
      } else if (request === 'openScreen' && msg.args) {
        var target = msg.args.screen === 'company' ? ctx.links.company : ctx.links.ticket;
        var href = target.replace('{id}', encodeURIComponent(msg.args.id));
        if (msg.args.newTab) window.open(href, '_blank'); else location.href = href;
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

  var save = document.querySelector('[data-cw-action="save"]');
  if (save) save.addEventListener('click', function () {
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
      pods.forEach(function (f) { sendEvent(f, 'onLoad', screenObject(f)); });
    });
  });
})();
`;
