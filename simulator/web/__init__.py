"""The web layer: accounts and sign-in, the HTTP server around the Gradio pages, and an HTTP client."""
