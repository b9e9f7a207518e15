"""The web app: a Django project inside the package (settings, urls) and its apps."""
