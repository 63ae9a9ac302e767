// Progressive enhancement only: every journey works without this file.
// The base layout starts GOV.UK Frontend and MoJ Frontend; this file warns before an idle
// session times out and lets the person stay signed in (WCAG 2.2.1).

function initTimeoutWarning() {
  const settings = document.getElementById('app-session')
  if (!settings) return
  const idleMinutes = Number(settings.dataset.idleMinutes)
  const extendUrl = settings.dataset.extendUrl
  const token = settings.dataset.csrfToken
  if (!idleMinutes || !extendUrl || !token || typeof HTMLDialogElement !== 'function') return
  const warnAfterMs = Math.max(idleMinutes - 2, 1) * 60 * 1000
  const dialog = document.getElementById('app-timeout-dialog')
  if (!dialog) return
  let timer
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => dialog.showModal(), warnAfterMs)
  }
  dialog.querySelector('[data-action="extend"]')?.addEventListener('click', async () => {
    const response = await fetch(extendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token }),
      credentials: 'same-origin',
    })
    dialog.close()
    if (response.ok) schedule()
    else window.location.assign('/sign-in?returnTo=' + encodeURIComponent(window.location.pathname))
  })
  schedule()
}

// An import's progress page reloads its status politely (the region is aria-live) until the
// import is done or has failed. Without JavaScript, the "Check progress" button does the same.
function initImportProgress() {
  const region = document.querySelector('[data-module="app-import-progress"]')
  if (!region || typeof DOMParser !== 'function') return
  const check = async () => {
    const response = await fetch(window.location.pathname, { credentials: 'same-origin' })
    if (!response.ok) return
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    const fresh = page.querySelector('[data-module="app-import-progress"]')
    if (!fresh) return
    const status = fresh.getAttribute('data-status')
    if (fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML
    region.setAttribute('data-status', status ?? '')
    if (status === 'done' || status === 'failed') {
      document.querySelector('[data-progress-actions]')?.remove()
      return
    }
    setTimeout(check, 2000)
  }
  const status = region.getAttribute('data-status')
  if (status !== 'done' && status !== 'failed') setTimeout(check, 2000)
}

// A "Copy" button beside text to paste elsewhere, shown only when the browser can copy.
function initCopyButtons() {
  for (const box of document.querySelectorAll('[data-module="app-copy"]')) {
    const button = box.querySelector('[data-copy-target]')
    const target = document.getElementById(button?.getAttribute('data-copy-target') ?? '')
    const status = box.querySelector('[data-copy-status]')
    if (!button || !target || !navigator.clipboard) continue
    button.hidden = false
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(target.value ?? target.textContent ?? '')
        if (status) status.textContent = 'Copied. Paste it into the page text.'
      } catch {
        target.select()
        if (status) status.textContent = 'Select the Markdown and copy it.'
      }
    })
  }
}

initTimeoutWarning()
initImportProgress()
initCopyButtons()
