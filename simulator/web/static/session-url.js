(sessionId) => {
  if (sessionId) {
    const url = new URL(window.location.href);
    url.searchParams.set("session", sessionId);
    window.history.replaceState(null, "", url.toString());
  }
  return [];
}
