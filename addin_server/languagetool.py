"""Placeholder: the languagetool blueprint."""
from flask import Blueprint, Flask

bp = Blueprint("languagetool", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
