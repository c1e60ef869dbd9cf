// Passkeys (WebAuthn): a form with data-passkey="create" or "get" asks the browser for a new
// passkey or for a signature with one, puts the browser's answer (JSON, base64url) into its
// hidden "credential" field and sends the form. The options come from the server as JSON
// (json_script) in the element named by data-options.
(function () {
  "use strict";
  function toBuffer(text) {
    var s = text.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) { s += "="; }
    var binary = atob(s), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }
  function toText(buffer) {
    var bytes = new Uint8Array(buffer), s = "";
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function creation(o) {
    o.challenge = toBuffer(o.challenge);
    o.user.id = toBuffer(o.user.id);
    (o.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    o.extensions = Object.assign({}, o.extensions || {}, { credProps: true });
    return o;
  }
  function request(o) {
    o.challenge = toBuffer(o.challenge);
    (o.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return o;
  }
  function answer(credential) {
    var r = credential.response;
    var out = {
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(r.clientDataJSON) }
    };
    if (credential.authenticatorAttachment) { out.authenticatorAttachment = credential.authenticatorAttachment; }
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      if (r.userHandle) { out.response.userHandle = toText(r.userHandle); }
    }
    return out;
  }
  function start(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.answered) { return; }
      event.preventDefault();
      var status = form.querySelector("[data-passkey-status]");
      if (status) { status.hidden = true; }
      var options = form.dataset.optionsUrl
        ? fetch(form.dataset.optionsUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
        : Promise.resolve(JSON.parse(JSON.parse(document.getElementById(form.dataset.options).textContent)));
      options.then(function (o) {
        return form.dataset.passkey === "create"
          ? navigator.credentials.create({ publicKey: creation(o) })
          : navigator.credentials.get({ publicKey: request(o) });
      }).then(function (credential) {
        form.querySelector("input[name=credential]").value = JSON.stringify(answer(credential));
        form.dataset.answered = "1";
        form.submit();
      }).catch(function () {
        if (status) { status.hidden = false; }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-passkey]").forEach(start);
  });
})();
