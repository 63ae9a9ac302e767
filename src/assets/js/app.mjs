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

initTimeoutWarning()
