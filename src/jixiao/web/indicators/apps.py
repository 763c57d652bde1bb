from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "jixiao.web.indicators"
    label = "indicators"
    verbose_name = "指标库"
