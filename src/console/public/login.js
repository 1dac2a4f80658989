import { translate } from './i18n.js';

translate();
if (new URLSearchParams(location.search).has('failed')) document.getElementById('login-failed').hidden = false;
