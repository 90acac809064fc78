"""Thin Streamlit panels. The only package allowed to import streamlit."""
