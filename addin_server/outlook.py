"""Placeholder: the outlook blueprint."""
from flask import Blueprint, Flask

bp = Blueprint("outlook", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
