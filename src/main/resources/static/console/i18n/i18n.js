// The console's two languages: Vietnamese by default, English on request. Every word shown comes
// from i18n/<language>.json: elements name their key in data-i18n (text) and data-i18n-attr
// ("placeholder:key title:other.key"); scripts call t('key', { param }). Dates, times and numbers
// are formatted here too, always in Vietnam's time zone (the API speaks UTC).
'use strict';

const I18N = (() => {
  const LANGUAGES = ['vi', 'en'];
  const LOCALES = { vi: 'vi-VN', en: 'en-US' };
  const ZONE = 'Asia/Ho_Chi_Minh';
  const REMEMBERED = 'lgsp-console.language';
  let language = chosenLanguage();
  let bundle = {};

  function remembered() {
    try {
      return localStorage.getItem(REMEMBERED);
    } catch (e) {
      return null; // storage disabled: the browser's languages still decide
    }
  }

  // the operator's switch, else the first of the browser's languages (Accept-Language) we speak
  function chosenLanguage() {
    const stored = remembered();
    if (LANGUAGES.includes(stored)) return stored;
    for (const tag of navigator.languages || [navigator.language || '']) {
      const primary = tag.toLowerCase().split('-')[0];
      if (LANGUAGES.includes(primary)) return primary;
    }
    return 'vi';
  }

  function translate(key, params = {}) {
    const text = bundle[key];
    if (text === undefined) {
      console.warn('no text for ' + key + ' in ' + language);
      return key;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }

  function apply() {
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll('[data-i18n]')) {
      element.textContent = translate(element.dataset.i18n);
    }
    for (const element of document.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of element.dataset.i18nAttr.trim().split(/\s+/)) {
        const [attribute, key] = pair.split(':');
        element.setAttribute(attribute, translate(key));
      }
    }
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === language));
    }
  }

  async function load(wanted) {
    try {
      const response = await fetch('/console/i18n/' + wanted + '.json');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      bundle = await response.json();
      language = wanted;
      apply();
    } finally {
      document.documentElement.classList.remove('i18n-pending'); // shown even if the bundle failed
    }
  }

  async function use(wanted) {
    if (!LANGUAGES.includes(wanted)) return;
    try {
      localStorage.setItem(REMEMBERED, wanted);
    } catch (e) {
      // not remembered; this page still switches
    }
    await load(wanted);
    document.dispatchEvent(new CustomEvent('i18n:changed'));
  }

  const timeParts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
  });

  // the instant's fields on Vietnam's wall clock, for patterns that must not depend on ICU's locale data
  function wallClock(instant) {
    return Object.fromEntries(timeParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  }

  function english(instant, options) {
    return new Intl.DateTimeFormat(LOCALES.en, { timeZone: ZONE, timeZoneName: 'shortOffset', ...options })
      .format(new Date(instant));
  }

  /** dd/MM/yyyy in Vietnamese; "Dec 3, 2026" in English. */
  function date(instant) {
    if (language === 'en') {
      return new Intl.DateTimeFormat(LOCALES.en, { timeZone: ZONE, dateStyle: 'medium' }).format(new Date(instant));
    }
    const f = wallClock(instant);
    return f.day + '/' + f.month + '/' + f.year;
  }

  /** HH:mm:ss (24 h) in Vietnamese; "11:07:16 AM GMT+7" in English. */
  function time(instant) {
    if (language === 'en') return english(instant, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
    const f = wallClock(instant);
    return f.hour + ':' + f.minute + ':' + f.second;
  }

  /** dd/MM/yyyy HH:mm:ss in Vietnamese; "Dec 3, 2026, 11:07:16 AM GMT+7" in English. */
  function dateTime(instant) {
    if (language === 'en') {
      return english(instant, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
        second: '2-digit' });
    }
    return date(instant) + ' ' + time(instant);
  }

  /** 1.234.567,89 in Vietnamese, 1,234,567.89 in English. */
  function number(value, fractionDigits = 0) {
    return new Intl.NumberFormat(LOCALES[language],
      { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
  }

  function percent(rate) {
    return new Intl.NumberFormat(LOCALES[language],
      { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-lang]');
    if (button) use(button.dataset.lang);
  });

  return {
    ready: load(language).catch((e) => console.warn('no language bundle: ' + e.message)),
    language: () => language,
    t: translate,
    use, date, time, dateTime, number, percent
  };
})();

const t = I18N.t;
