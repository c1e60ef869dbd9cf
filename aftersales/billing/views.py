from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def my_tickets(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/my_tickets.html")


@login_required
def my_credit(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/my_credit.html")


def price_list(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/price_list.html")
