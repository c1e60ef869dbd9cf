from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "aftersales.news"
    label = "news"
