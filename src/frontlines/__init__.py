"""frontlines: sourced, geolocated conflict events and territorial control from battlefield reports."""

__version__ = "0.1.0"
