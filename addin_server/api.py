"""Placeholder: the api blueprint."""
from flask import Blueprint, Flask

bp = Blueprint("api", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
