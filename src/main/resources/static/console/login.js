// shows the error line after a failed sign-in (?error); no inline script: the CSP forbids it
if (new URLSearchParams(location.search).has('error')) {
  document.getElementById('login-error').hidden = false;
}
