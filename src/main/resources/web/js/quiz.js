// The quiz screen: renders questions from the quiz definition, shows follow-ups per show_when,
// validates inline and shows the server's per-field errors.
import { el, clear, setText } from './dom.js';

export class QuizForm {
  constructor({ form, fields, formError, submitButton, onSubmit }) {
    this.form = form;
    this.fieldsBox = fields;
    this.formError = formError;
    this.submitButton = submitButton;
    this.onSubmit = onSubmit;
    this.questions = [];
    this.controls = new Map(); // key -> {question, wrapper, error, read(), focus()}
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
    form.addEventListener('input', event => this.onInput(event));
    form.addEventListener('change', event => this.onInput(event));
  }

  render(quiz) {
    this.questions = quiz.questions || [];
    this.controls.clear();
    clear(this.fieldsBox);
    for (const question of this.questions) {
      const control = question.type === 'choice' ? choiceField(question) : textField(question);
      this.controls.set(question.key, control);
      this.fieldsBox.append(control.wrapper);
    }
    this.updateVisibility();
  }

  onInput(event) {
    const key = event.target.closest('[data-key]')?.dataset.key;
    if (!key) return;
    const control = this.controls.get(key);
    control.sync?.(event.target);
    showError(control, '');
    this.updateVisibility();
  }

  answers() {
    const answers = {};
    for (const [key, control] of this.controls) {
      if (control.wrapper.hidden) continue;
      const value = control.read();
      if (value !== '') answers[key] = value;
    }
    return answers;
  }

  updateVisibility() {
    const values = {};
    for (const [key, control] of this.controls) values[key] = control.read();
    for (const [, control] of this.controls) {
      const rule = control.question.show_when;
      if (!rule) continue;
      const visible = Object.entries(rule).every(([other, allowed]) =>
        !this.controls.get(other)?.wrapper.hidden && allowed.includes(values[other]));
      control.wrapper.hidden = !visible;
    }
  }

  validate() {
    const errors = {};
    for (const [key, control] of this.controls) {
      if (control.wrapper.hidden) continue;
      const { question } = control;
      const value = control.read();
      if (question.required && value === '') {
        errors[key] = question.type === 'choice' ? 'Please choose an answer.' : 'Please fill this in.';
      } else if (question.max_length && value.length > question.max_length) {
        errors[key] = `Please keep it to ${question.max_length} characters (now ${value.length}).`;
      }
    }
    return errors;
  }

  showErrors(fieldErrors, message) {
    let first = null;
    const unknown = [];
    for (const [key, text] of Object.entries(fieldErrors || {})) {
      const control = this.controls.get(key);
      if (control && !control.wrapper.hidden) {
        showError(control, text);
        first ??= control;
      } else {
        unknown.push(text);
      }
    }
    const summary = [message, ...unknown].filter(Boolean).join(' ');
    setText(this.formError, summary);
    first?.focus();
  }

  setBusy(busy) {
    this.submitButton.disabled = busy;
    this.submitButton.setAttribute('aria-busy', String(busy));
    this.submitButton.textContent = busy ? 'Writing your story…' : 'Write my story';
    this.submitButton.classList.toggle('is-busy', busy);
  }

  async submit() {
    for (const control of this.controls.values()) showError(control, '');
    setText(this.formError, '');
    const errors = this.validate();
    if (Object.keys(errors).length) {
      this.showErrors(errors, 'Please check the highlighted answers.');
      return;
    }
    this.setBusy(true);
    try {
      await this.onSubmit(this.answers());
    } catch (error) {
      this.showErrors(error.fields, error.message);
    } finally {
      this.setBusy(false);
    }
  }
}

function showError(control, text) {
  setText(control.error, text);
  control.wrapper.classList.toggle('has-error', Boolean(text));
  for (const input of control.wrapper.querySelectorAll('input, select, textarea')) {
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function labelText(question) {
  return [question.label, question.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null];
}

function helpAndError(question) {
  const help = question.help ? el('p', { class: 'help', id: `q-${question.key}-help`, text: question.help }) : null;
  const error = el('p', { class: 'field-error', id: `q-${question.key}-error`, hidden: true });
  return { help, error };
}

function describedBy(question) {
  return [question.help ? `q-${question.key}-help` : null, `q-${question.key}-error`].filter(Boolean).join(' ');
}

function textField(question) {
  const id = `q-${question.key}`;
  const { help, error } = helpAndError(question);
  const input = el('input', {
    id, type: 'text', name: question.key, maxlength: question.max_length, autocomplete: 'off',
    required: question.required, 'aria-describedby': describedBy(question), value: question.default ?? '',
  });
  const counter = question.max_length ? el('span', { class: 'counter', 'aria-hidden': 'true' }) : null;
  const sync = () => { if (counter) counter.textContent = `${input.value.length}/${question.max_length}`; };
  sync();
  const wrapper = el('div', { class: 'field', dataset: { key: question.key } },
    el('label', { class: 'field-label', for: id }, labelText(question)), help,
    el('div', { class: 'input-row' }, input, counter), error);
  return { question, wrapper, error, read: () => input.value.trim(), focus: () => input.focus(), sync };
}

function choiceField(question) {
  const name = `q-${question.key}`;
  const { help, error } = helpAndError(question);
  const radios = (question.choices || []).map(choice => el('input', {
    type: 'radio', name, value: choice.value, class: 'pill-input', id: `${name}-${slug(choice.value)}`,
    checked: question.default === choice.value,
  }));
  const pills = el('div', { class: 'pills' }, radios.map((radio, i) =>
    el('label', { class: 'pill', for: radio.id }, radio, el('span', { text: question.choices[i].label }))));
  let other = null;
  if (question.allow_other) {
    other = el('input', {
      type: 'text', id: `${name}-other`, class: 'other-input', maxlength: question.max_length,
      autocomplete: 'off', placeholder: 'Or type your own…', 'aria-label': `${question.label} (your own answer)`,
    });
  }
  const legend = el('legend', { class: 'field-label' }, labelText(question));
  const fieldset = el('fieldset', { class: 'field', dataset: { key: question.key }, 'aria-describedby': describedBy(question) },
    legend, help, pills, other, error);
  const read = () => {
    const typed = other?.value.trim();
    if (typed) return typed;
    return radios.find(r => r.checked)?.value ?? '';
  };
  // Picking a pill clears the typed answer; typing clears the pill, so the answer is never ambiguous.
  const sync = target => {
    if (target === other && other.value.trim()) radios.forEach(r => { r.checked = false; });
    else if (target.type === 'radio' && other) other.value = '';
  };
  if (!question.required) allowUnselect(radios);
  // A typed answer is the one a message is about: focus it, not the first (unchosen) pill.
  const focus = () => ((other?.value.trim() ? other : null) || radios.find(r => r.checked) || radios[0] || other)?.focus();
  return { question, wrapper: fieldset, error, read, focus, sync };
}

/** An optional question can be left unanswered again: clicking the chosen pill clears it. */
function allowUnselect(radios) {
  for (const radio of radios) {
    const label = radio.closest('label') || radio;
    label.addEventListener('pointerdown', () => { radio.dataset.was = String(radio.checked); });
    radio.addEventListener('click', () => {
      if (radio.dataset.was !== 'true') return;
      radio.dataset.was = 'false';
      radio.checked = false;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }
}

function slug(value) {
  return String(value).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
